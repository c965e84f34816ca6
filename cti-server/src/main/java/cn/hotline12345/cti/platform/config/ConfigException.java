package cn.hotline12345.cti.platform.config;

/** A configuration value is missing or wrong; the message names the key and the value. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
