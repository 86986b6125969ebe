import QtQuick
import Rushes.Viewer
import QtQuick.Controls

// A compact transport/tool button with a text glyph and a tooltip.
ToolButton {
    id: control
    property string tip: ""
    property bool active: false
    implicitWidth: Math.max(30, contentItem.implicitWidth + 14)
    implicitHeight: 28
    font.pixelSize: 14
    focusPolicy: Qt.NoFocus
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.active ? Theme.accent : (control.enabled ? Theme.text : Theme.textDim)
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        radius: 3
        color: control.down ? Theme.accentDim : (control.hovered ? Theme.panelRaised : "transparent")
        border.color: control.active ? Theme.accentDim : "transparent"
    }
    ToolTip.visible: hovered && tip.length > 0
    ToolTip.text: tip
    ToolTip.delay: 600
}
