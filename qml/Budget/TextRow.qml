import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled text bound to one JSON path of the production.
ColumnLayout {
    id: root
    required property var controller
    property string path
    property string label
    // Narrow side panels give the fields the room: labels shrink from 150 px to 90.
    property int labelWidth: 150
    readonly property int shownLabelWidth: Math.max(Math.min(labelWidth, 90), Math.min(labelWidth, width * 0.4))
    readonly property string error: controller.issueMap[path] || ""
    spacing: 1
    Layout.fillWidth: true
    RowLayout {
        Layout.fillWidth: true
        spacing: 6
        Label { text: root.label; Layout.preferredWidth: root.shownLabelWidth; elide: Text.ElideRight; opacity: 0.85 }
        TextField {
            id: field
            objectName: "field:" + root.path
            Layout.fillWidth: true
            selectByMouse: true
            onTextEdited: root.controller.setText(root.path, text)
            Binding on text {
                when: !field.activeFocus
                value: { root.controller.document; const v = root.controller.valueAt(root.path); return v === undefined ? "" : String(v) }
                restoreMode: Binding.RestoreNone
            }
        }
    }
    Label {
        visible: root.error !== ""
        text: root.error
        color: "#ff8080"
        font.pixelSize: 11
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        Layout.leftMargin: root.shownLabelWidth + 6
    }
}
