import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A chart's legend as QML: its entries wrap in a narrow panel (Qt Charts' own legend cut them to
// 'Wahrscheinlichkeit geri...', 'Rechenl...'). entries: [[colour, name], ...]
Flow {
    property var entries: []
    Layout.fillWidth: true
    Layout.leftMargin: 6
    spacing: 12
    Repeater {
        model: parent.entries
        delegate: Row {
            required property var modelData
            spacing: 5
            Rectangle { width: 10; height: 10; radius: 2; color: modelData[0]; anchors.verticalCenter: parent.verticalCenter }
            Label {
                text: modelData[1]
                font.pixelSize: 10
                opacity: 0.85
                width: Math.min(implicitWidth, parent.parent.width - 15)
                wrapMode: Text.Wrap
            }
        }
    }
}
