#pragma once
// The image area: draws the player's current frame as a texture in the Qt Quick scene graph
// (8-bit or half float), with fit / 1:1 / zoom about a point / pan, pixel aspect, EXR data and
// display windows, and exposure, gamma, channel isolation and the OCIO LUT in its shader.
#include <QtQml/qqmlregistration.h>
#include <QByteArray>
#include <QPointer>
#include <QQuickItem>

#include <atomic>

#include "viewer/PlayerController.h"

namespace rushes::viewer {

// Whether an OpenGL renderer name (GL_RENDERER) is a software rasteriser: Mesa's llvmpipe,
// softpipe or swrast, or another that calls itself software.
bool isSoftwareRasteriser(const QByteArray& glRenderer);

class ViewerItem : public QQuickItem {
    Q_OBJECT
    QML_NAMED_ELEMENT(ImageViewer)
    Q_PROPERTY(rushes::viewer::PlayerController* player READ player WRITE setPlayer NOTIFY playerChanged)
    Q_PROPERTY(bool fitToView READ fitToView WRITE setFitToView NOTIFY transformChanged)
    Q_PROPERTY(double zoom READ zoom NOTIFY transformChanged)  // screen pixels per image pixel
    Q_PROPERTY(QRectF imageRect READ imageRect NOTIFY transformChanged)      // the data window on screen
    Q_PROPERTY(QRectF displayRect READ displayRect NOTIFY transformChanged)  // the display window on screen
public:
    explicit ViewerItem(QQuickItem* parent = nullptr);

    PlayerController* player() const { return m_player; }
    void setPlayer(PlayerController* player);
    bool fitToView() const { return m_fit; }
    void setFitToView(bool fit);
    double zoom() const;
    QRectF imageRect() const;
    QRectF displayRect() const;

    Q_INVOKABLE void fit() { setFitToView(true); }
    Q_INVOKABLE void setZoomAbout(double zoom, double x, double y);  // keeps the point under (x, y)
    Q_INVOKABLE void zoomBy(double factor, double x, double y) { setZoomAbout(zoom() * factor, x, y); }
    Q_INVOKABLE void panBy(double dx, double dy);
    Q_INVOKABLE QPointF imagePointAt(double x, double y) const;  // data-window pixel coordinates

protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;
    void itemChange(ItemChange change, const ItemChangeData& value) override;

signals:
    void playerChanged();
    void transformChanged();

private:
    struct Layout {
        double scale = 1, pixelAspect = 1;
        QRectF display, data;
    };
    Layout layout() const;
    QSGNode* syncNode(QSGNode* old, UpdatePaintNodeData* data);
    void frameSwapped();

    QPointer<PlayerController> m_player;
    bool m_fit = true;
    QRectF m_lastData;  // the data rect last laid out: overlays follow when a frame's window moves
    double m_zoom = 1;
    QPointF m_pan;  // offset of the display window's centre from the item's centre
    std::atomic<qint64> m_uploaded{-1};   // index uploaded by the render thread
    qint64 m_reported = -1;
    QMetaObject::Connection m_swapConnection;
};

}  // namespace rushes::viewer
