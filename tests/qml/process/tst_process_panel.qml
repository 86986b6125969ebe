import QtQuick
import QtQuick.Controls
import QtTest
import Rushes.Process

// The panel driven as a user would: the suggested output follows the shot, Process runs the pass with
// progress and hands the result over to open, a wrong setting is named on screen and nothing runs.
Item {
    id: root
    width: 420
    height: 600

    Component {
        id: panelComponent
        ProcessPanel { anchors.fill: parent }
    }

    SignalSpy { id: readySpy; signalName: "resultReady" }

    TestCase {
        name: "ProcessPanel"
        when: windowShown

        function find(item, name) {
            if (!item) return null
            if (item.objectName === name) return item
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) {
                const r = find(kids[i], name)
                if (r) return r
            }
            return null
        }

        function test_runsThePassAndHandsTheResultOver() {
            if (!testClip) skip("ffmpeg could not make the clip")
            const panel = createTemporaryObject(panelComponent, root)
            verify(panel)
            const start = find(panel, "startButton")
            verify(!start.enabled, "nothing to process without a shot")
            panel.source = testClip
            const output = find(panel, "output")
            compare(output.text, testClip.replace("shot.mov", "shot_rushes.mov"))
            output.text = testDir + "/panel_pass.mov"
            find(panel, "backend").currentIndex = 1  // CPU
            find(panel, "denoiseMode").currentIndex = 1  // auto
            readySpy.target = panel
            readySpy.clear()
            verify(start.enabled)
            mouseClick(start)
            tryCompare(panel.controller, "running", true, 2000)
            verify(find(panel, "cancelButton").enabled)
            readySpy.wait(60000)
            compare(readySpy.signalArguments[0][0], testDir + "/panel_pass.mov")
            compare(panel.controller.running, false)
            compare(find(panel, "progress").value, 1)
            verify(find(panel, "message").text.indexOf("8 frames in, 15 out") >= 0, find(panel, "message").text)
        }

        function test_wrongSettingIsNamedAndNothingRuns() {
            if (!testClip) skip("ffmpeg could not make the clip")
            const panel = createTemporaryObject(panelComponent, root)
            panel.source = testClip
            find(panel, "retimeMode").currentIndex = 0  // off
            find(panel, "denoiseMode").currentIndex = 0  // off
            mouseClick(find(panel, "startButton"))
            compare(panel.controller.running, false)
            verify(panel.controller.failed)
            verify(find(panel, "message").text.indexOf("Choose a denoise or a retime") >= 0)
        }
    }
}
