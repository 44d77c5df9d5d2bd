/*
 * TextOverlay — a line of text rendered once (Java 2D, headless: FFmpeg as packaged by
 * JavaCPP has no drawtext filter) into a box of ARGB pixels, then blended onto every
 * decoded frame in place. Only the box's pixels are touched.
 */
package org.netserv.container.video.internal;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

public final class TextOverlay {
    /** Where the box sits in the frame and how big it is (pixels). */
    public final int x, y, width, height;
    private final int[] argb;

    private TextOverlay(int x, int y, int width, int height, int[] argb) {
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        this.argb = argb;
    }

    /** The text in white on a translucent dark box at the frame's top left. */
    public static TextOverlay render(String text, int frameWidth, int frameHeight) {
        int size = Math.max(10, frameHeight / 12);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        pg.dispose();
        int margin = Math.max(2, size / 4);
        int x = margin, y = margin;
        int w = Math.min(frameWidth - x, fm.stringWidth(text) + 2 * margin);
        int h = Math.min(frameHeight - y, fm.getHeight() + 2 * margin);
        if (w <= 0 || h <= 0) throw new IllegalArgumentException("frame of " + frameWidth + "x" + frameHeight + " is too small for text");
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setComposite(AlphaComposite.Src);
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(0, 0, w, h);
        g.setComposite(AlphaComposite.SrcOver);
        g.setFont(font);
        g.setColor(Color.WHITE);
        g.drawString(text, margin, margin + fm.getAscent());
        g.dispose();
        return new TextOverlay(x, y, w, h, img.getRGB(0, 0, w, h, null, 0, w));
    }

    /** Blends the box onto a packed BGR24 frame ({@code stride} bytes per row). */
    public void blendBgr24(ByteBuffer frame, int stride) {
        for (int row = 0; row < height; row++) {
            int base = (y + row) * stride + x * 3;
            for (int col = 0; col < width; col++) {
                int p = argb[row * width + col];
                int a = p >>> 24;
                if (a == 0) continue;
                int i = base + col * 3;
                frame.put(i, mix(frame.get(i), p & 0xff, a));
                frame.put(i + 1, mix(frame.get(i + 1), (p >> 8) & 0xff, a));
                frame.put(i + 2, mix(frame.get(i + 2), (p >> 16) & 0xff, a));
            }
        }
    }

    private static byte mix(byte under, int over, int alpha) {
        return (byte) (((under & 0xff) * (255 - alpha) + over * alpha + 127) / 255);
    }
}
