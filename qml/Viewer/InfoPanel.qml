import QtQuick
import Rushes.Viewer
import QtQuick.Controls
import QtQuick.Layouts

// What the current shot is: codec, size, rate, colour, holes.
ScrollView {
    id: info
    required property var player
    // The names' column as wide as its longest name (100 px cut 'Pixel-Seitenverhältnis'), up to
    // 45 % of the panel; past that the names wrap.
    FontMetrics { id: nameMetrics; font.pixelSize: Theme.small }
    property real widestName: 100
    readonly property real nameWidth: Math.ceil(Math.min(Math.max(60, info.availableWidth * 0.45), widestName + 2))
    function fitNames(rows) {  // the rows, unchanged; measures their names on the way
        widestName = Math.max(nameMetrics.advanceWidth(qsTr("Cache")), ...rows.map(r => nameMetrics.advanceWidth(r[0])))
        return rows
    }
    GridLayout {
        width: info.availableWidth
        columns: 2
        columnSpacing: 12
        rowSpacing: 4
        Repeater {
            // Built only while shown: a new shot then costs a hidden panel nothing (time to first frame).
            // A shot that plays but is not whole (a truncated movie) says so first.
            model: !info.visible ? [] : info.fitNames((info.player.shotInfo.warning ? [[qsTr("Warning"), info.player.shotInfo.warning, Theme.warning]] : []).concat([
                [qsTr("Shot"), info.player.shotInfo.name || "-"],
                [qsTr("Path"), info.player.shotInfo.path || "-"],
                [qsTr("Codec"), (info.player.shotInfo.codec || "-") + " " + (info.player.shotInfo.profile || "")],
                [qsTr("Pixels"), info.player.shotInfo.pixelFormat || "-"],
                [qsTr("Data window"), (info.player.shotInfo.width || 0) + " x " + (info.player.shotInfo.height || 0)],
                [qsTr("Display window"), (info.player.shotInfo.displayWidth || 0) + " x " + (info.player.shotInfo.displayHeight || 0)],
                [qsTr("Pixel aspect"), (info.player.shotInfo.pixelAspect || 1).toLocaleString(Qt.locale(), "f", 3)],
                [qsTr("Rate"), info.player.rateText + " fps"],
                [qsTr("Frames"), info.player.frameCount + " (" + info.player.firstFrameNumber + " - " + (info.player.firstFrameNumber + info.player.frameCount - 1) + ")"],
                [qsTr("Missing"), String(info.player.shotInfo.missing || 0)],
                [qsTr("Colour"), info.player.shotInfo.colour || "-"],
                [qsTr("Input space"), info.player.inputSpace],
                [qsTr("OCIO config"), info.player.configName],
                [qsTr("Audio"), info.player.shotInfo.audio ? (info.player.audioAvailable ? qsTr("yes (master clock)") : qsTr("yes, no output device")) : qsTr("none")]
            ]))
            delegate: Item {
                required property var modelData
                Layout.columnSpan: 2
                Layout.fillWidth: true
                implicitHeight: row.implicitHeight
                RowLayout {
                    id: row
                    width: parent.width
                    Label {
                        text: modelData[0]; color: Theme.textDim; font.pixelSize: Theme.small
                        Layout.preferredWidth: info.nameWidth; wrapMode: Text.Wrap; Layout.alignment: Qt.AlignTop
                    }
                    Label { text: modelData[1]; color: modelData[2] || Theme.text; font.pixelSize: Theme.small; wrapMode: Text.WrapAnywhere; Layout.fillWidth: true }
                }
            }
        }
        // The cache figures change several times a second: their own labels, so the rows above are
        // not rebuilt (and the grid not laid out again) each time.
        Label { text: qsTr("Cache"); color: Theme.textDim; font.pixelSize: Theme.small; Layout.preferredWidth: info.nameWidth }
        Label { text: info.player.cacheText; color: Theme.text; font.pixelSize: Theme.small; Layout.fillWidth: true }
        Label { text: qsTr("Cache budget (MiB)"); color: Theme.textDim; font.pixelSize: Theme.small; Layout.topMargin: 10 }
        SpinBox {
            from: 64; to: 65536; stepSize: 256; editable: true
            value: info.player.cacheBudgetMiB
            onValueModified: info.player.cacheBudgetMiB = value
            Layout.topMargin: 10
        }
    }
}
