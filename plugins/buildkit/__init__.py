"""What the build's stages share: files placed as hard links, work run in parallel."""
