import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled text bound to one JSON path of the production.
ColumnLayout {
    id: root
    required property var controller
    property string path
    property string label
    // Narrow side panels give the fields the room: the label shrinks from labelWidth to 90 px when
    // the row is short of space, and a label longer than that (German) wraps rather than being cut.
    // The layout does the shrinking: a preferred width bound to the row's own width (40 % of it)
    // was not applied once the row had been laid out (Qt 6.4), so every label stayed at 90 px.
    property int labelWidth: 150
    readonly property real shownLabelWidth: fieldLabel.width
    readonly property string error: controller.issueMap[path] || ""
    spacing: 1
    Layout.fillWidth: true
    RowLayout {
        Layout.fillWidth: true
        spacing: 6
        Label {
            id: fieldLabel
            text: root.label
            Layout.fillWidth: true
            Layout.minimumWidth: Math.min(root.labelWidth, 90)
            Layout.preferredWidth: root.labelWidth
            Layout.maximumWidth: root.labelWidth
            wrapMode: Text.Wrap
            verticalAlignment: Text.AlignVCenter  // level with the field when the row is taller
            opacity: 0.85
        }
        TextField {
            id: field
            objectName: "field:" + root.path
            Layout.fillWidth: true
            Layout.minimumWidth: 60
            Layout.preferredWidth: 60  // and all the room the label leaves
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
