"""Write the image files for data.test with PIL (Debian's python3-pil, a
dependency of python3-skimage; run with /usr/bin/python3): constant-color
images whose model inputs are known exactly, a photograph as JPEG, and a
truncated PNG."""

import os
import sys

from PIL import Image

out = sys.argv[1]
os.makedirs(os.path.join(out, "images"), exist_ok=True)
os.makedirs(os.path.join(out, "gray"), exist_ok=True)
# 10 x 7 RGB (51, 102, 153) and 5 x 5 gray 204: resized to 6 x 6 they stay
# constant, so the inputs are exactly those values mapped.
Image.new("RGB", (10, 7), (51, 102, 153)).save(
    os.path.join(out, "images", "a.png"))
Image.new("L", (5, 5), 204).save(os.path.join(out, "images", "b.png"))
Image.new("RGB", (9, 9), (0, 255, 0)).save(
    os.path.join(out, "images", "c.bmp"))
Image.new("L", (8, 8), 17).save(os.path.join(out, "gray", "g.jpg"),
                                quality=100)
data = open(os.path.join(out, "images", "a.png"), "rb").read()
with open(os.path.join(out, "truncated.png"), "wb") as f:
    f.write(data[:len(data) // 2])
