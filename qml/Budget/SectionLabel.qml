import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A small caps heading between groups of fields.
Label {
    Layout.fillWidth: true
    Layout.topMargin: 10
    font.pixelSize: 11
    font.bold: true
    font.capitalization: Font.AllUppercase
    font.letterSpacing: 0.8
    color: "#8fb4dc"
    wrapMode: Text.Wrap  // long headings (and their translations) wrap in a narrow panel
}
