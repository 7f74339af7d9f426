package dev.fovea.viz.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesWhatHtmlWouldReadAsMarkup() {
        assertEquals("&lt;b&gt;T-shirt &amp; top&lt;/b&gt; &quot;x&quot; &#39;y&#39;",
                Html.escape("<b>T-shirt & top</b> \"x\" 'y'"));
    }

    @Test
    void smallPicturesAreEnlargedWithHardEdgesAndLargeOnesShownAsTheyAre() throws IOException {
        BufferedImage tiny = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        tiny.setRGB(1, 1, 0x123456);
        String enlarged = Html.img(tiny, "tiny & small", 40);
        assertTrue(enlarged.endsWith("width=\"40\" height=\"20\" alt=\"tiny &amp; small\" class=\"pixelated\">"),
                enlarged);
        String uri = enlarged.substring(enlarged.indexOf("data:"), enlarged.indexOf('"', enlarged.indexOf("data:")));
        assertTrue(uri.startsWith("data:image/png;base64,"), uri);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                uri.substring("data:image/png;base64,".length()))));
        assertEquals(4, decoded.getWidth());
        assertEquals(0x123456, decoded.getRGB(1, 1) & 0xFFFFFF);
        assertTrue(Html.img(tiny, "as is").endsWith("width=\"4\" height=\"2\" alt=\"as is\">"));
    }

    @Test
    void percentagesHaveOneDecimal() {
        assertEquals("90.5\u2009%", Html.percent(0.90512));
        assertEquals("100.0\u2009%", Html.percent(1));
    }
}
