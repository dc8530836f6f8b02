package org.defrost.report.chart;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import org.knowm.xchart.style.markers.Marker;

/** A hollow ring twice the marker size, drawn around a point to single it out (ℓ*) without hiding it. */
final class RingMarker extends Marker {
    private static final BasicStroke STROKE = new BasicStroke(2f);

    @Override
    public void paint(Graphics2D g, double x, double y, int markerSize) {
        Stroke previous = g.getStroke();
        g.setStroke(STROKE);
        double d = 2.2 * markerSize;
        g.draw(new Ellipse2D.Double(x - d / 2, y - d / 2, d, d));
        g.setStroke(previous);
    }
}
