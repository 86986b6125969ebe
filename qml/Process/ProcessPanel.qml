import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Rushes.Process  // Qt 6.4: a module's own C++ types need the explicit import

// The processing pass of the current shot: denoise and retime with the processing core (the same
// code as rushes-cli process), with progress and cancel; the result opens in the session as a new
// version beside the shot.
Pane {
    id: panel
    // The shot to process (its path or sequence pattern), bound by Main.qml to the player's shot.
    property string source: ""
    readonly property alias controller: proc
    // The pass is written and can be opened (Main.qml adds it to the session).
    signal resultReady(string path)

    padding: 10
    implicitWidth: 380
    font.pixelSize: 12

    ProcessController {
        id: proc
        onFinished: output => {
            outputField.text = proc.suggestedOutput(panel.source)  // the next pass gets a name of its own
            panel.resultReady(output)
        }
    }

    onSourceChanged: outputField.text = proc.suggestedOutput(source)

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label {
            text: panel.source ? qsTr("Shot: %1").arg(panel.source) : qsTr("Open a shot to process it.")
            wrapMode: Text.Wrap  // at spaces; anywhere inside a long path
            Layout.fillWidth: true
        }

        GridLayout {
            columns: 2
            columnSpacing: 10
            rowSpacing: 6
            Layout.fillWidth: true

            Label { text: qsTr("Denoise") }
            RowLayout {
                ComboBox {
                    id: denoiseMode
                    objectName: "denoiseMode"
                    model: [qsTr("Off"), qsTr("Auto (estimated from the footage)"), qsTr("Strength")]
                    currentIndex: 0
                    Layout.fillWidth: true
                }
                SpinBox {
                    id: sigma
                    objectName: "denoiseSigma"
                    visible: denoiseMode.currentIndex === 2
                    from: 1; to: 60; value: 8; editable: true
                }
            }

            Label { text: qsTr("Retime") }
            RowLayout {
                ComboBox {
                    id: retimeMode
                    objectName: "retimeMode"
                    model: [qsTr("Off"), qsTr("2x frames"), qsTr("4x frames"), qsTr("To a rate")]
                    currentIndex: 1
                    Layout.fillWidth: true
                }
                TextField {
                    id: fpsField
                    objectName: "retimeFps"
                    visible: retimeMode.currentIndex === 3
                    text: "60"
                    validator: DoubleValidator { bottom: 1; top: 1000; decimals: 3 }
                    implicitWidth: 70
                }
            }

            Label { text: qsTr("Backend") }
            ComboBox {
                id: backendMode
                objectName: "backend"
                model: [qsTr("Auto"), qsTr("CPU"), qsTr("OpenCL")]
                Layout.fillWidth: true
            }

            Label { text: qsTr("Output") }
            TextField {
                id: outputField
                objectName: "output"
                placeholderText: qsTr("shot_rushes.mov or shot_rushes.%04d.exr")
                selectByMouse: true
                Layout.fillWidth: true
            }
        }

        Label {
            text: !proc.openclDevice ? qsTr("No OpenCL device: the CPU backend runs.")
                : proc.openclIsGpu ? qsTr("OpenCL device: %1 (Auto uses it).").arg(proc.openclDevice)
                : qsTr("OpenCL device: %1, not a GPU: Auto runs on the CPU.").arg(proc.openclDevice)
            color: palette.placeholderText
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }

        RowLayout {
            Button {
                objectName: "startButton"
                text: qsTr("Process")
                enabled: !proc.running && panel.source !== ""
                onClicked: {
                    const denoise = denoiseMode.currentIndex === 0 ? "off" : denoiseMode.currentIndex === 1 ? "auto" : String(sigma.value)
                    const factor = retimeMode.currentIndex === 1 ? 2 : retimeMode.currentIndex === 2 ? 4 : 0
                    const fps = retimeMode.currentIndex === 3 ? Number(fpsField.text) : 0
                    proc.start(panel.source, outputField.text, denoise, factor, fps, ["auto", "cpu", "opencl"][backendMode.currentIndex])
                }
            }
            Button {
                objectName: "cancelButton"
                text: qsTr("Cancel")
                enabled: proc.running
                onClicked: proc.cancel()
            }
        }

        ProgressBar {
            objectName: "progress"
            value: proc.progress
            visible: proc.running || proc.progress > 0
            Layout.fillWidth: true
        }
        Label {
            text: proc.progressText
            visible: proc.running
        }
        Label {
            objectName: "message"
            text: proc.message
            color: proc.failed ? "#e06c6c" : palette.windowText
            wrapMode: Text.Wrap  // at spaces; anywhere inside a long path
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
    }
}
