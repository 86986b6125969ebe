#pragma once
// How the player opens a shot through the codecs layer: probe, reader factory, cache settings.
#include <QString>

#include "playback/FrameCache.h"
#include "playback/Playlist.h"

namespace rushes::viewer {

codecs::Result<codecs::MediaInfo> probeMedia(const QString& path);
playback::ReaderFactory readerFactory(const QString& path);
// Intra-only codecs and image sequences decode on several threads; long-GOP on one reader.
bool isIntraOnly(const codecs::MediaInfo& info);
bool isFloatSource(const codecs::MediaInfo& info);
// An integer layout deeper than 8 bits a sample, by its FFmpeg name (gbrp10le, rgb48le, gray16be ...).
bool isDeepIntegerSource(const codecs::MediaInfo& info);
playback::CacheSource cacheSourceFor(const playback::Shot& shot);

}  // namespace rushes::viewer
