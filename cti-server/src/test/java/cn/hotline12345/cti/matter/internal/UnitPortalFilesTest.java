package cn.hotline12345.cti.matter.internal;

import cn.hotline12345.cti.platform.error.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the unit portal accepts as an attachment: the content's type, agreeing with the name (issue 24). */
class UnitPortalFilesTest {

    private static final byte[] PDF = "%PDF-1.4\n%\u00e2\u00e3".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
    private static final byte[] HTML = "<html><script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void theTypeIsTheContentsAndMustAgreeWithTheName() {
        assertThat(UnitPortalService.mediaType("答复函.pdf", PDF)).isEqualTo("application/pdf");
        assertThat(UnitPortalService.mediaType("现场.PNG", PNG)).isEqualTo("image/png");
        assertThatThrownBy(() -> UnitPortalService.mediaType("现场.pdf", PNG)).isInstanceOf(Refusal.class)
                .satisfies(e -> assertThat(((Refusal) e).kind()).isEqualTo(Refusal.Kind.INVALID));
        assertThatThrownBy(() -> UnitPortalService.mediaType("答复.html", HTML)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> UnitPortalService.mediaType("答复.pdf", HTML)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> UnitPortalService.mediaType("无扩展名", PDF)).isInstanceOf(Refusal.class);
    }

    @Test
    void aPathOrAControlCharacterNeverReachesTheStoredName() {
        assertThat(UnitPortalService.fileName("C:\\Users\\甲\\答复函.pdf")).isEqualTo("答复函.pdf");
        assertThat(UnitPortalService.fileName("../../etc/答复函.pdf")).isEqualTo("答复函.pdf");
        assertThat(UnitPortalService.fileName("答复\r\n函\".pdf")).isEqualTo("答复函.pdf");
        assertThatThrownBy(() -> UnitPortalService.fileName(".hidden")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> UnitPortalService.fileName(null)).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> UnitPortalService.fileName("甲".repeat(201) + ".pdf")).isInstanceOf(Refusal.class);
    }
}
