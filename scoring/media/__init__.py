"""Media files: probing with pymediainfo, the hash-named store, previews with ffmpeg."""
