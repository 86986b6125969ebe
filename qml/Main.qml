import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Rushes.Budget

ApplicationWindow {
    id: window
    width: 1400
    height: 860
    visible: true
    title: qsTr("Rushes")

    SplitView {
        anchors.fill: parent
        Rectangle {
            SplitView.fillWidth: true
            color: "#1d1d1f"
            Label { anchors.centerIn: parent; text: qsTr("Open a shot to begin"); color: "#aaa" }
        }
        BudgetPanel { SplitView.preferredWidth: 380 }
    }
}
