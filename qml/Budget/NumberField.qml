import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled number bound to one JSON path of the production; shows the model's message at the field.
ColumnLayout {
    id: root
    required property var controller
    property string path
    property string label
    property string suffix
    property int decimals: 0
    // Narrow side panels give the fields the room: labels shrink from 150 px to 90.
    property int labelWidth: 150
    readonly property int shownLabelWidth: Math.max(Math.min(labelWidth, 90), Math.min(labelWidth, width * 0.4))
    readonly property string error: controller.issueMap[path] || ""
    spacing: 1
    Layout.fillWidth: true

    function shown() {
        const v = root.controller.valueAt(root.path)
        if (typeof v === "number") return root.controller.number(v, root.decimals)
        return v === undefined || v === null ? "" : String(v)
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: 6
        Label {
            text: root.label
            Layout.preferredWidth: root.shownLabelWidth
            elide: Text.ElideRight
            opacity: 0.85
        }
        TextField {
            id: field
            objectName: "field:" + root.path
            Layout.fillWidth: true
            Layout.minimumWidth: 60
            horizontalAlignment: Text.AlignRight
            selectByMouse: true
            inputMethodHints: Qt.ImhFormattedNumbersOnly
            color: root.error !== "" ? "#ff8080" : palette.text
            onTextEdited: root.controller.setNumber(root.path, text)
            Binding on text {
                when: !field.activeFocus
                value: { root.controller.document; return root.shown() }
                restoreMode: Binding.RestoreNone
            }
        }
        Label {
            text: root.suffix
            visible: text !== ""
            opacity: 0.7
            Layout.preferredWidth: 34
        }
    }
    Label {
        objectName: "error:" + root.path
        visible: root.error !== ""
        text: root.error
        color: "#ff8080"
        font.pixelSize: 11
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        Layout.leftMargin: root.shownLabelWidth + 6
    }
}
