import QtQuick
import Rushes.Viewer
import QtQuick.Controls
import QtQuick.Layouts

// The picture: image, HUD, slate for missing or broken frames, pixel inspector, drop target.
Rectangle {
    id: panel
    required property var player
    property alias viewer: image
    property bool hudVisible: true
    property bool inspectorVisible: true
    property var inspected: ({})
    color: Theme.viewerBackground
    clip: true

    ImageViewer {
        id: image
        objectName: "imageViewer"
        anchors.fill: parent
        player: panel.player
    }

    // Missing frame or unreadable file: a slate that says so; the session keeps working.
    Rectangle {
        id: slate
        objectName: "slate"
        visible: panel.player.slateText.length > 0
        anchors.centerIn: parent
        width: Math.min(parent.width - 40, Math.max(420, slateLabel.implicitWidth + 60))
        height: slateLabel.implicitHeight + 60
        color: "#2a1414"
        border.color: Theme.error
        border.width: 2
        radius: 4
        Canvas {
            anchors.fill: parent
            opacity: 0.25
            onPaint: {
                var ctx = getContext("2d")
                ctx.strokeStyle = "#e0524a"
                ctx.lineWidth = 6
                for (var x = -height; x < width; x += 28) {
                    ctx.beginPath(); ctx.moveTo(x, height); ctx.lineTo(x + height, 0); ctx.stroke()
                }
            }
        }
        Label {
            id: slateLabel
            anchors.centerIn: parent
            width: Math.min(implicitWidth, panel.width - 100)
            text: panel.player.slateText
            color: "#ffd6d2"
            font.pixelSize: 20
            font.bold: true
            wrapMode: Text.Wrap
            horizontalAlignment: Text.AlignHCenter
        }
    }

    Label {
        anchors.centerIn: parent
        visible: panel.player.playlist.count === 0
        text: qsTr("Drop movies or image sequences here, or press Ctrl+O")
        color: Theme.textDim
        font.pixelSize: 16
    }

    MouseArea {
        id: mouse
        anchors.fill: parent
        hoverEnabled: true
        acceptedButtons: Qt.LeftButton | Qt.MiddleButton
        property point last
        onPressed: (e) => { last = Qt.point(e.x, e.y) }
        property point hover
        onPositionChanged: (e) => {
            if (pressed) {
                image.panBy(e.x - last.x, e.y - last.y)
                last = Qt.point(e.x, e.y)
            }
            hover = Qt.point(e.x, e.y)
            // Qt Quick repeats the hover after every frame drawn: while playing, the values under
            // the cursor follow a few times a second instead of at every frame.
            if (panel.player.playing) {
                if (!inspectTimer.running) inspectTimer.start()
            } else {
                inspectAtHover()
            }
        }
        function inspectAtHover() {
            var p = image.imagePointAt(hover.x, hover.y)
            panel.inspected = panel.player.inspect(p.x, p.y)
        }
        onExited: { inspectTimer.stop(); panel.inspected = ({}) }
        onDoubleClicked: image.fit()
        onWheel: (w) => image.zoomBy(w.angleDelta.y > 0 ? 1.25 : 0.8, w.x, w.y)
    }

    Timer {
        id: inspectTimer
        interval: 200
        onTriggered: if (mouse.containsMouse) mouse.inspectAtHover()
    }

    DropArea {
        anchors.fill: parent
        onDropped: (drop) => { if (drop.hasUrls) panel.player.openUrls(drop.urls) }
    }

    // Heads-up display: what plays, how well, and what the cache holds.
    Rectangle {
        id: hud
        objectName: "hud"
        visible: panel.hudVisible && panel.player.playlist.count > 0
        anchors { left: parent.left; top: parent.top; margins: 10 }
        width: hudColumn.implicitWidth + 16
        height: hudColumn.implicitHeight + 12
        color: "#b0101112"
        radius: 3
        Column {
            id: hudColumn
            x: 8; y: 6
            spacing: 1
            Label {
                text: panel.player.shotInfo.name || ""
                color: Theme.text; font.bold: true; font.pixelSize: Theme.small
            }
            Label {
                objectName: "hudRate"
                text: qsTr("%1  %2 fps  %3x%4").arg(panel.player.timecode).arg(panel.player.rateText)
                      .arg(panel.player.shotInfo.displayWidth || 0).arg(panel.player.shotInfo.displayHeight || 0)
                color: Theme.text; font.family: Theme.mono; font.pixelSize: Theme.small
            }
            Label {
                objectName: "hudState"
                text: (panel.player.buffering ? qsTr("frame %1   buffering %2%   dropped %3").arg(String(panel.player.frameNumber))
                                                    .arg(Math.round(panel.player.bufferProgress * 100))
                       : panel.player.playing ? qsTr("frame %1   playing %2 fps   dropped %3").arg(String(panel.player.frameNumber))
                                                  .arg(panel.player.measuredFps.toLocaleString(Qt.locale(), "f", 2))
                                            : qsTr("frame %1   paused   dropped %3").arg(String(panel.player.frameNumber)))
                      .arg(panel.player.droppedFrames)
                color: panel.player.droppedFrames > 0 ? Theme.accent : Theme.text
                font.family: Theme.mono; font.pixelSize: Theme.small
            }
            Label {
                text: qsTr("cache %1 (%2%)").arg(panel.player.cacheText).arg(Math.round(panel.player.cacheFill * 100))
                color: Theme.textDim; font.family: Theme.mono; font.pixelSize: Theme.small
            }
            Label {
                text: qsTr("zoom %1%   %2 / %3%4").arg(Math.round(image.zoom * 100)).arg(panel.player.display)
                      .arg(panel.player.view).arg(panel.player.exposure !== 0 ? qsTr("   exposure %1").arg(panel.player.exposure.toLocaleString(Qt.locale(), "f", 1)) : "")
                color: Theme.textDim; font.family: Theme.mono; font.pixelSize: Theme.small
            }
        }
    }

    // Pixel inspector: source values under the cursor (half float for EXR).
    Rectangle {
        id: inspector
        visible: panel.inspectorVisible && panel.inspected.text !== undefined
        anchors { right: parent.right; bottom: parent.bottom; margins: 10 }
        width: inspectorRow.implicitWidth + 16
        height: inspectorRow.implicitHeight + 10
        color: "#c0101112"
        radius: 3
        Row {
            id: inspectorRow
            x: 8; y: 5
            spacing: 8
            Rectangle {
                width: 14; height: 14; anchors.verticalCenter: parent.verticalCenter
                border.color: Theme.border
                color: panel.inspected.float
                       ? Qt.rgba(Math.min(1, panel.inspected.r || 0), Math.min(1, panel.inspected.g || 0), Math.min(1, panel.inspected.b || 0), 1)
                       : Qt.rgba((panel.inspected.r || 0) / 255, (panel.inspected.g || 0) / 255, (panel.inspected.b || 0) / 255, 1)
            }
            Label {
                text: panel.inspected.text || ""
                color: Theme.text; font.family: Theme.mono; font.pixelSize: Theme.small
            }
        }
    }

    // Errors that are not about one frame (a file that cannot be opened, a bad $OCIO).
    Rectangle {
        objectName: "messageBar"
        visible: panel.player.message.length > 0
        // Beside the pixel inspector when it shows; the whole width otherwise.
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 10
                  rightMargin: inspector.visible ? inspector.width + 20 : 10 }
        height: messageLabel.implicitHeight + 14
        color: "#e03a1d1b"
        border.color: Theme.error
        radius: 3
        Label {
            id: messageLabel
            anchors { left: parent.left; right: closeMessage.left; verticalCenter: parent.verticalCenter; leftMargin: 10 }
            text: panel.player.message
            color: "#ffd6d2"
            // Wrapped: a message names files and says what was done about them; cut in the middle it
            // lost both (a kept settings file's name). Long ones end in an ellipsis after 4 lines.
            wrapMode: Text.Wrap
            maximumLineCount: 4
            elide: Text.ElideRight
        }
        IconButton {
            id: closeMessage
            anchors { right: parent.right; verticalCenter: parent.verticalCenter }
            text: "\u2715"
            tip: qsTr("Dismiss")
            onClicked: panel.player.dismissMessage()
        }
    }
}
