import QtQuick
import QtQuick.Controls

// Cost planning side panel (issue 5 fills this in).
Pane {
    Label { text: qsTr("Budget") }
}
