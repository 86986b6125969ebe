import QtQuick
import QtTest
import Rushes.Viewer
import Rushes.Timeline

// The transport, timeline, view controls and session strip driven as a reviewer would.
Item {
    id: root
    width: 1280
    height: 720

    Player { id: player }
    Column {
        anchors.fill: parent
        ViewToolbar { id: toolbar; width: parent.width; player: player; viewer: viewerPanel.viewer }
        ViewerPanel { id: viewerPanel; width: parent.width; height: 420; player: player }
        Timeline { id: timeline; width: parent.width; player: player }
        TransportBar { id: transport; width: parent.width; player: player }
        SessionStrip { id: strip; width: parent.width; player: player }
    }

    TestCase {
        name: "ViewerControls"
        when: windowShown

        function child(item, name) {
            if (item.objectName === name) return item
            for (var i = 0; i < item.children.length; ++i) {
                var found = child(item.children[i], name)
                if (found) return found
            }
            return null
        }

        function initTestCase() {
            if (testClip === "") skip("ffmpeg could not make the test clip")
            player.openPaths([testClip])
            tryCompare(player, "frameCount", 48, 5000)
            compare(player.rateText, "24")
        }

        function init() {
            player.pause()
            player.clearInOut()
            player.loopMode = 0
            player.seek(0)
        }

        // A test that failed while the window was narrow leaves it narrow: the next one starts at
        // the window's own width, with its controls on the bars.
        function cleanup() {
            for (const bar of [toolbar, transport]) child(bar, "overflowButton").popup.close()
            if (root.width !== 1280 || toolbar.reservedRight !== 0) {
                root.width = 1280
                toolbar.reservedRight = 0
                wait(50)
            }
        }

        function test_stepButtons() {
            mouseClick(child(transport, "forwardButton"))
            compare(player.frame, 1)
            mouseClick(child(transport, "forward10Button"))
            compare(player.frame, 11)
            mouseClick(child(transport, "backButton"))
            compare(player.frame, 10)
            mouseClick(child(transport, "back10Button"))
            compare(player.frame, 0)
            mouseClick(child(transport, "endButton"))
            compare(player.frame, 47)
            mouseClick(child(transport, "startButton"))
            compare(player.frame, 0)
        }

        function test_playAndPause() {
            var play = child(transport, "playButton")
            var state = child(viewerPanel, "hudState")
            mouseClick(play)
            verify(player.playing)
            compare(player.direction, 1)
            // Pre-roll first (this clip decodes faster than it plays: a frame or two), then play.
            verify(player.buffering ? state.text.indexOf("buffering") >= 0 : state.text.indexOf("playing") >= 0)
            tryVerify(function() { return player.frame >= 4 }, 3000)
            verify(!player.buffering)
            verify(state.text.indexOf("playing") >= 0)
            mouseClick(play)
            verify(!player.playing)
            verify(state.text.indexOf("paused") >= 0)
            var held = player.frame
            wait(200)
            compare(player.frame, held)
        }

        function test_playAllFrames() {
            var button = child(transport, "allFramesButton")
            verify(!player.playAllFrames)
            mouseClick(button)
            verify(player.playAllFrames)
            verify(button.active)
            player.loopMode = 2  // once: 48 frames, every one shown
            var shown = []
            function note() { if (shown.length === 0 || shown[shown.length - 1] !== player.frame) shown.push(player.frame) }
            player.frameChanged.connect(note)
            player.play()
            verify(!player.audioClock)
            tryVerify(function() { return !player.playing }, 5000)
            player.frameChanged.disconnect(note)
            mouseClick(button)
            verify(!player.playAllFrames)
            compare(player.frame, 47)
            for (var i = 0; i < shown.length; ++i) compare(shown[i], i + 1)
            compare(shown.length, 47)
        }

        function test_inOutAndOnce() {
            player.seek(10)
            mouseClick(child(transport, "inButton"))
            compare(player.inPoint, 10)
            player.seek(20)
            mouseClick(child(transport, "outButton"))
            compare(player.outPoint, 20)
            player.loopMode = 2  // once
            player.seek(10)
            player.play()
            tryVerify(function() { return !player.playing }, 3000)
            compare(player.frame, 20)
        }

        function test_gotoFrameAndTimecode() {
            var field = child(transport, "gotoField")
            field.text = "00:00:01:00"
            field.accepted()
            compare(player.frame, 24)
            compare(field.text, "")
            compare(child(transport, "timecodeLabel").text, "00:00:01:00")
            compare(child(transport, "frameNumberLabel").text, "24")
            mouseClick(field)
            keyClick("1")
            keyClick("2")
            keyClick(Qt.Key_Return)
            compare(player.frame, 12)
            compare(player.timecode, "00:00:00:12")
        }

        function test_timelineScrub() {
            mouseClick(timeline, timeline.width * 0.5 + 1, 10)
            compare(player.frame, 24)
            mousePress(timeline, 2, 10)
            mouseMove(timeline, timeline.width * 0.25 + 1, 10)
            compare(player.frame, 12)
            mouseRelease(timeline, timeline.width * 0.25 + 1, 10)
            verify(!player.playing)
        }

        function test_cachedRangesOnTheTimeline() {
            player.seek(30)
            tryVerify(function() {
                var r = player.cachedRanges
                for (var i = 0; i < r.length; ++i) if (r[i][0] <= 30 && r[i][1] >= 30) return true
                return false
            }, 5000)
            verify(player.cacheFill > 0)
        }

        function test_shuttle() {
            player.shuttle("l")
            verify(player.playing)
            compare(player.speed, 1)
            player.shuttle("l")
            compare(player.speed, 2)
            player.shuttle("j")
            compare(player.direction, -1)
            compare(player.speed, 1)
            player.shuttle("k")
            verify(!player.playing)
        }

        function test_zoomAndFit() {
            var viewer = viewerPanel.viewer
            verify(viewer.fitToView)
            viewer.setZoomAbout(2, 100, 100)
            compare(viewer.zoom, 2)
            verify(!viewer.fitToView)
            compare(viewer.imageRect.width, 640)
            // The image point under the cursor stays put while zooming.
            var before = viewer.imagePointAt(300, 200)
            viewer.zoomBy(2, 300, 200)
            var after = viewer.imagePointAt(300, 200)
            fuzzyCompare(after.x, before.x, 0.01)
            fuzzyCompare(after.y, before.y, 0.01)
            viewer.fit()
            verify(viewer.fitToView)
        }

        // Colours on screen at a 6x4 grid inside the picture (0..1 each channel).
        function picture() {
            waitForRendering(viewerPanel)
            var img = grabImage(root)
            var r = viewerPanel.viewer.imageRect
            var out = []
            for (var j = 0; j < 4; ++j)
                for (var i = 0; i < 6; ++i) {
                    var p = viewerPanel.viewer.mapToItem(root, r.x + r.width * (i + 0.5) / 6, r.y + r.height * (j + 0.5) / 4)
                    out.push(img.pixel(Math.round(p.x), Math.round(p.y)))
                }
            return out
        }
        function sum(colours) {
            var total = 0
            for (var k = 0; k < colours.length; ++k) total += colours[k].r + colours[k].g + colours[k].b
            return total
        }

        // Each view setting changes the picture as it should (each is its own shader variant).
        function test_exposureAndChannel() {
            player.seek(12)
            // The grabs below compare one frame under different views: wait until it is on screen (a grab
            // of the frame shown before the seek once failed the exposure check).
            tryCompare(player, "onScreenFrame", 12, 5000)
            var plain = picture()
            verify(sum(plain) > 1, "the picture is not black")
            player.exposure = 1
            compare(player.exposure, 1)
            var brighter = picture()
            // One stop doubles every value that does not clip (no display LUT for video here).
            var checked = 0
            for (var k = 0; k < plain.length; ++k) {
                var before = [plain[k].r, plain[k].g, plain[k].b], after = [brighter[k].r, brighter[k].g, brighter[k].b]
                for (var c = 0; c < 3; ++c) {
                    if (before[c] < 0.05 || before[c] > 0.45) continue
                    fuzzyCompare(after[c], 2 * before[c], 0.03)
                    ++checked
                }
            }
            verify(checked >= 3, "too few unclipped samples: " + checked)
            player.exposure = 0
            player.channel = 2  // green
            var green = picture()
            for (k = 0; k < green.length; ++k) {
                fuzzyCompare(green[k].r, plain[k].g, 0.02)
                fuzzyCompare(green[k].b, plain[k].g, 0.02)
            }
            player.channel = 0
            var back = picture()
            for (k = 0; k < back.length; ++k) {
                fuzzyCompare(back[k].r, plain[k].r, 0.01)
                fuzzyCompare(back[k].g, plain[k].g, 0.01)
                fuzzyCompare(back[k].b, plain[k].b, 0.01)
            }
            // The pixel inspector reports source values of the frame on screen.
            tryVerify(function() { return player.inspect(5, 5).text !== undefined }, 3000)
        }

        // Numbers on screen take the UI's decimal separator (German: "+1,5"), and so does the rate
        // beside them (Player.rateText; "29.97 fps" sat next to "24,00 fps" in German). CTest runs
        // these tests in German too (tst_qml_viewer_de).
        function test_numbersInTheUiLocale() {
            const point = Qt.locale().decimalPoint
            compare(player.rateText, "24")
            verify(child(viewerPanel, "hudRate").text.indexOf("  24 fps  ") >= 0, child(viewerPanel, "hudRate").text)
            player.exposure = 1.5
            compare(child(toolbar, "exposureValue").text, "+1" + point + "5")
            player.gamma = 2.2
            compare(child(toolbar, "gammaValue").text, "2" + point + "20")
            player.exposure = 0
            player.gamma = 1
            compare(child(toolbar, "gammaValue").text, "1" + point + "00")
        }

        // What of a bar the window cuts: a control past `limit` (x in the bar), a text elided or
        // wider than its box. Looks into every group, and into the overflow popup when given it.
        function cutIn(bar, limit) {
            const problems = []
            const walk = item => {
                if (!item.visible) return
                const text = typeof item.text === "string" ? item.text : ""
                if (item !== bar && item.width > 0) {
                    const name = text !== "" ? "'" + text + "'" : (item.objectName || String(item))
                    const right = item.mapToItem(bar, item.width, 0).x
                    if (right > limit + 0.5) {
                        problems.push(name + " ends at x " + Math.round(right) + ", past " + Math.round(limit))
                        return
                    }
                    if (text !== "" && item.truncated === true)
                        problems.push(name + " is elided")
                    else if (text !== "" && item.contentWidth !== undefined
                             && item.contentWidth > item.width - (item.leftPadding || 0) - (item.rightPadding || 0) + 1)
                        problems.push(name + " is " + Math.round(item.contentWidth) + " px in " + Math.round(item.width))
                }
                for (let i = 0; i < item.children.length; ++i) walk(item.children[i])
            }
            walk(bar)
            return problems
        }

        // Every control of the view bar shows whole, or is in its overflow menu: at the viewer's width
        // beside the side panel (1600 - 380 px), where the third colour menu, 90 px wide, cut its
        // view's name and in German the bar ran past the viewer; and on an 800 px screen with the
        // side panel hidden, where the colour menus and HUD ran off the window and the show-the-panel
        // button (reservedRight) sat over a menu. CTest runs these in German too (tst_qml_viewer_de).
        function test_toolbarFits_data() {
            return [{tag: "1220", width: 1220, reserved: 0}, {tag: "800", width: 800, reserved: 30},
                    {tag: "1000", width: 1000, reserved: 0}]
        }
        function test_toolbarFits(data) {
            const widthBefore = root.width
            root.width = data.width
            toolbar.reservedRight = data.reserved
            wait(50)
            const more = child(toolbar, "overflowButton")
            const problems = cutIn(toolbar, toolbar.width - data.reserved)
            // What the bar leaves out is in the menu, whole, inside the window.
            if (more.visible) {
                more.popup.open()
                tryVerify(() => more.popup.opened)
                const p = more.popup.contentItem
                const left = p.mapToItem(root, 0, 0).x, right = p.mapToItem(root, p.width, 0).x
                if (left < 0 || right > root.width) problems.push("the overflow menu spans x " + left + " to " + right)
                for (const problem of cutIn(p, p.width)) problems.push("in the menu: " + problem)
                const copies = p.children[0].children
                compare(copies.length, toolbar.shown.length)
                for (let i = 0; i < copies.length; ++i) compare(copies[i].visible, !toolbar.shown[i], "group " + i)
                more.popup.close()
            }
            const shown = toolbar.shown
            root.width = widthBefore
            toolbar.reservedRight = 0
            wait(50)
            verify(problems.length === 0, problems.join("\n"))
            // Beside the side panel in English nothing needs the menu; on 800 px something does.
            if (data.width === 800) verify(shown.indexOf(false) >= 0, "the bar has room for all at 800 px?")
            else if (data.width === 1220 && !Qt.locale().name.startsWith("de")) verify(shown.indexOf(false) < 0, shown)
            // The menus as wide as their longest entry: the view's name shows whole.
            compare(child(toolbar, "viewBox").displayText, player.view)
        }

        // The colour menus work from the overflow menu: the view chosen there is the player's, and
        // the bar's own menu shows it once there is room again.
        function test_overflowMenuChangesTheView() {
            const widthBefore = root.width
            root.width = 800
            toolbar.reservedRight = 30
            wait(50)
            const more = child(toolbar, "overflowButton")
            verify(more.visible)
            const colourInBar = child(toolbar, "viewBox")
            verify(!colourInBar.visible, "the colour menus are in the overflow menu at 800 px")
            mouseClick(more)
            tryVerify(() => more.popup.opened)
            const box = child(more.popup.contentItem, "viewBox")
            verify(box && box.visible)
            const other = player.views.find(v => v !== player.view)
            verify(other !== undefined, "the display has a second view")
            mouseClick(box)
            tryVerify(() => box.popup.opened)
            const list = box.popup.contentItem
            const index = player.views.indexOf(other)
            list.positionViewAtIndex(index, ListView.Contain)
            const item = list.itemAtIndex(index)
            verify(item)
            mouseClick(item)
            tryCompare(player, "view", other)
            compare(box.displayText, other)
            tryVerify(() => !box.popup.visible)
            more.popup.close()
            root.width = widthBefore
            toolbar.reservedRight = 0
            wait(50)
            compare(colourInBar.displayText, other)
            player.view = player.views[0]
        }

        // The transport's controls: the steps, play and the frame box stay on the bar; the others
        // are on the bar whole or in its "⋯" menu.
        readonly property var transportOnBar: ["startButton", "back10Button", "backButton", "reverseButton", "playButton",
                                               "forwardButton", "forward10Button", "endButton", "frameBox"]
        readonly property var transportMayMove: ["inButton", "outButton", "clearInOutButton", "gotoField", "loopBox",
                                                 "allFramesButton", "soundButton"]

        // The transport shows its steps, play, and the frame and timecode whole at every width down to
        // the window's 640 px minimum, and every other control whole on the bar or in its menu: at
        // 800 px the frame box was off the window and the hint cut (German 'Frame oder Timeco...' was
        // cut beside the side panel), and at 700 and 640 px the frame box and "⋯" ran off the window;
        // loop and sound go to the menu first, then the go-to field and in/out. CTest runs these in
        // German too (tst_qml_viewer_de).
        function test_transportFits_data() {
            return [{tag: "1220", width: 1220}, {tag: "1000", width: 1000}, {tag: "800", width: 800},
                    {tag: "700", width: 700}, {tag: "640", width: 640}]
        }
        function test_transportFits(data) {
            const widthBefore = root.width
            root.width = data.width
            wait(50)
            compare(transport.width, data.width)
            const problems = cutIn(transport, transport.width)
            const box = child(transport, "frameBox")
            for (const name of ["frameNumberLabel", "timecodeLabel"]) {
                const l = child(transport, name)
                const p = l.mapToItem(box, 0, 0)
                if (!l.visible || p.x < 0 || p.x + l.width > box.width) problems.push(name + " is not inside the frame box")
            }
            for (const name of transportOnBar) {
                const c = child(transport, name)
                if (!c || !c.visible || c.width <= 0) problems.push(name + " is not on the bar")
            }
            const more = child(transport, "overflowButton")
            const onBar = name => { const c = child(transport, name); return c !== null && c.visible && c.width > 0 }
            const moved = transportMayMove.filter(name => !onBar(name))
            if (moved.length > 0 && !more.visible) problems.push(moved.join(", ") + " hidden, and no menu")
            if (more.visible) {
                more.popup.open()
                tryVerify(() => more.popup.opened)
                const p = more.popup.contentItem
                const top = p.mapToItem(root, 0, 0)
                if (top.x < 0 || top.x + p.width > root.width || top.y < 0) problems.push("the transport menu is outside the window")
                for (const problem of cutIn(p, p.width)) problems.push("in the menu: " + problem)
                // What is not on the bar is in the menu, shown and whole, and only that.
                for (const name of transportMayMove) {
                    const copy = child(p, name)
                    const inMenu = copy !== null && copy.visible && copy.width > 0
                    if (inMenu === onBar(name)) problems.push(name + (inMenu ? " is on the bar and in the menu" : " is neither on the bar nor in the menu"))
                }
                more.popup.close()
                tryVerify(() => !more.popup.visible)
            }
            const menuUsed = more.visible
            root.width = widthBefore
            wait(50)
            verify(problems.length === 0, data.tag + " px:\n" + problems.join("\n"))
            // Loop and sound go to the menu on an 800 px screen, and more below it.
            if (data.width <= 800) verify(menuUsed, "the transport has room for all at " + data.width + " px?")
            if (data.width <= 700) verify(moved.indexOf("gotoField") >= 0, "the go-to field stays on the bar at " + data.width + " px?")
        }

        // Ctrl+G (focusGoto) gives the go-to field the keyboard: on the bar where it has room; at the
        // 640 px minimum it is in the transport's menu, Ctrl+G opens the menu with it focused, and a
        // frame number typed there is shown and closes the menu.
        function test_gotoFromTheOverflowMenu() {
            const barField = child(transport, "gotoField")
            verify(barField.visible)
            transport.focusGoto()
            tryVerify(() => barField.activeFocus)
            verify(!child(transport, "overflowButton").popup.visible)
            barField.focus = false
            const widthBefore = root.width
            root.width = 640
            wait(50)
            const more = child(transport, "overflowButton")
            verify(more.visible)
            verify(!child(transport, "gotoField").visible, "the go-to field is on the bar at 640 px")
            transport.focusGoto()
            tryVerify(() => more.popup.opened)
            const field = child(more.popup.contentItem, "gotoField")
            verify(field && field.visible)
            tryVerify(() => field.activeFocus, 2000, "the field in the menu has the keyboard")
            keyClick(Qt.Key_2)
            keyClick(Qt.Key_5)
            compare(field.text, "25")
            keyClick(Qt.Key_Return)
            tryCompare(player, "frame", 25)
            compare(child(transport, "frameNumberLabel").text, "25")
            tryVerify(() => !more.popup.visible)
            compare(field.text, "")
            root.width = widthBefore
            wait(50)
        }

        function test_sessionStrip() {
            var list = child(strip, "sessionList")
            compare(list.count, 1)
            player.openPaths(["/nonexistent/clip.mov"])
            compare(list.count, 2)
            verify(player.message.indexOf("/nonexistent/clip.mov") >= 0)
            player.selectShot(1)
            verify(player.slateText.indexOf("/nonexistent/clip.mov") >= 0)
            player.removeShot(1)
            compare(list.count, 1)
            compare(player.currentShot, 0)
            player.dismissMessage()
            tryCompare(player, "frameCount", 48)
        }

        // Beachball's data window moves inside its 2048x1556 display window: frame 1 at 654,245
        // (911x876), frame 5 at 1073,319 (916x890). The picture is drawn where each frame says.
        function test_movingDataWindow() {
            if (movingWindowSequence === "") skip("shared media not found")
            var viewer = viewerPanel.viewer
            var list = child(strip, "sessionList")
            player.openPaths([movingWindowSequence])
            compare(list.count, 2)
            player.selectShot(1)
            tryCompare(player, "frameCount", 8, 10000)
            function offset() {
                var s = viewer.displayRect.width / 2048
                return Qt.rect((viewer.imageRect.x - viewer.displayRect.x) / s, (viewer.imageRect.y - viewer.displayRect.y) / s,
                               viewer.imageRect.width / s, viewer.imageRect.height / s)
            }
            function near(r, x, y, w, h) {
                return Math.abs(r.x - x) < 0.5 && Math.abs(r.y - y) < 0.5 && Math.abs(r.width - w) < 0.5
                        && Math.abs(r.height - h) < 0.5
            }
            player.seek(0)
            tryVerify(function() { return near(offset(), 654, 245, 911, 876) }, 10000, "frame 1's data window")
            player.seek(4)
            tryVerify(function() { return near(offset(), 1073, 319, 916, 890) }, 10000, "frame 5's data window")
            player.removeShot(1)
            compare(list.count, 1)
            tryCompare(player, "frameCount", 48)
        }
    }
}
