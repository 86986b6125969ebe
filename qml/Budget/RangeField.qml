import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// min / likely / max of an uncertain input; a plain number becomes a range when one end is edited.
ColumnLayout {
    id: root
    required property var controller
    property string path
    property string label
    property int decimals: 0
    // Narrow side panels give the fields the room: the label shrinks from labelWidth to 90 px when
    // the row is short of space, and a label longer than that (German) wraps rather than being cut.
    // The layout does the shrinking: a preferred width bound to the row's own width (40 % of it)
    // was not applied once the row had been laid out (Qt 6.4), so every label stayed at 90 px.
    property int labelWidth: 150
    readonly property real shownLabelWidth: fieldLabel.width
    readonly property string error: controller.issueMap[path] || ""
    spacing: 1
    Layout.fillWidth: true

    function part(key) {
        const v = root.controller.valueAt(root.path)
        if (typeof v === "number") return root.controller.number(v, root.decimals)
        if (v && typeof v[key] === "number") return root.controller.number(v[key], root.decimals)
        return v && v[key] !== undefined ? String(v[key]) : ""
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: 4
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
        Repeater {
            model: ["min", "likely", "max"]
            delegate: TextField {
                id: f
                required property string modelData
                objectName: "field:" + root.path + "." + modelData
                Layout.fillWidth: true
                Layout.minimumWidth: 44
                Layout.preferredWidth: 44
                horizontalAlignment: Text.AlignRight
                selectByMouse: true
                placeholderText: modelData
                font.bold: modelData === "likely"
                color: root.error !== "" ? "#ff8080" : palette.text
                ToolTip.visible: hovered
                ToolTip.text: modelData === "min" ? qsTr("Minimum") : modelData === "max" ? qsTr("Maximum") : qsTr("Most likely")
                onTextEdited: root.controller.setNumber(root.path + "." + modelData, text)
                Binding on text {
                    when: !f.activeFocus
                    value: { root.controller.document; return root.part(f.modelData) }
                    restoreMode: Binding.RestoreNone
                }
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
