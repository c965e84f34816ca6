package cn.hotline12345.cti.platform.web;

import java.util.List;
import java.util.Set;

/**
 * The browser origins allowed to open the WebSocket channel and to log in
 * ({@code CtiConfig.http().allowedOrigins()}, e.g. {@code https://hotline.example.cn}). Exact match of
 * scheme, host and port; a missing {@code Origin} is refused (browsers always send it on these requests).
 */
public final class OriginPolicy {

    private final Set<String> allowed;

    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins);
    }

    public boolean allows(String origin) {
        return origin != null && allowed.contains(origin);
    }
}
