#!/usr/bin/python3
"""Turn real photographs from Debian's python3-skimage into model inputs.

Also writes lfw_faces_128x128.npy: skimage's labelled faces and non-faces
on canvases for the face detector's face/no-face evaluation.

Writes OUT_DIR/images_<H>x<W>.npy for each requested size: a float32 array
[N, H, W, 3] with values in [0, 1], made from skimage's sample photographs
(astronaut, coffee, chelsea the cat, a rocket launch, the Hubble deep
field) and four faces from the Labeled Faces in the Wild subset, each
resized with anti-aliasing. Run with Debian's /usr/bin/python3, which sees python3-skimage.

    prepare-images.py OUT_DIR 128x128 192x192 ...
"""

import os
import sys

import numpy as np

try:
    import skimage.data
    import skimage.transform
except ImportError:
    sys.exit("prepare-images: python3-skimage is not installed "
             "(apt-get install python3-skimage)")

PHOTOS = ("astronaut", "coffee", "chelsea", "rocket", "hubble_deep_field")


def load_photos():
    photos = []
    for name in PHOTOS:
        image = getattr(skimage.data, name)()
        photos.append(np.asarray(image, dtype=np.float32) / 255.0)
    faces = skimage.data.lfw_subset()[:4]
    for face in faces:
        photos.append(np.repeat(face[:, :, None], 3, axis=2).astype(np.float32))
    return photos


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    photos = load_photos()
    for size in sys.argv[2:]:
        height, width = (int(v) for v in size.split("x"))
        batch = np.stack([
            skimage.transform.resize(photo[:, :, :3], (height, width),
                                     anti_aliasing=True).astype(np.float32)
            for photo in photos
        ])
        path = os.path.join(out_dir, f"images_{height}x{width}.npy")
        np.save(path + ".tmp.npy", np.clip(batch, 0.0, 1.0))
        os.replace(path + ".tmp.npy", path)
        print(path)
    path = os.path.join(out_dir, "lfw_faces_128x128.npy")
    np.save(path + ".tmp.npy", face_canvases())
    os.replace(path + ".tmp.npy", path)
    print(path)


def face_canvases(size=128, face=48):
    """skimage's lfw_subset (100 faces, then 100 non-faces, 25 x 25 gray)
    as [200, size, size, 3] in [0, 1]: each image resized to face x face
    and centered on a mid-gray canvas, so that a face detector for faces
    that fill part of the frame sees them at a size it finds."""
    images = skimage.data.lfw_subset()
    canvases = np.full((len(images), size, size, 3), 0.5, np.float32)
    top = (size - face) // 2
    for index, image in enumerate(images):
        small = skimage.transform.resize(image, (face, face),
                                         anti_aliasing=True)
        canvases[index, top:top + face, top:top + face, :] = \
            np.clip(small, 0.0, 1.0)[:, :, None]
    return canvases


if __name__ == "__main__":
    main()
