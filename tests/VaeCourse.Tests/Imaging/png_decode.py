"""Decodes an 8-bit grayscale/RGB PNG with the standard library only (zlib + struct), independently of the C#
code, and prints: width height colour_type, then the pixel bytes as hex. Exits non-zero on any CRC or format error."""
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("bad signature")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            raise ValueError("CRC mismatch in " + kind.decode("ascii"))
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
        if kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or interlace != 0 or colour not in (0, 2):
        raise ValueError("unsupported PNG")
    bpp = 1 if colour == 0 else 3
    stride = width * bpp
    raw = zlib.decompress(idat)
    out = bytearray(stride * height)
    for y in range(height):
        f = raw[y * (stride + 1)]
        for i in range(stride):
            x = raw[y * (stride + 1) + 1 + i]
            a = out[y * stride + i - bpp] if i >= bpp else 0
            b = out[(y - 1) * stride + i] if y > 0 else 0
            c = out[(y - 1) * stride + i - bpp] if i >= bpp and y > 0 else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][f]
            out[y * stride + i] = (x + pred) & 0xFF
    return width, height, colour, bytes(out)


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as fh:
        w, h, colour, pixels = decode(fh.read())
    print(w, h, colour)
    print(pixels.hex())
