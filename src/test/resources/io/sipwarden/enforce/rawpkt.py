#!/usr/bin/env python3
"""Crafted packets for the perimeter tests (run inside the attacker namespace as root).

  rawpkt.py icmp SRC DST TYPE      send one ICMP message of TYPE, print "reply" if an answer comes within 1 s
  rawpkt.py tcp SRC DST PORT FLAGS send one TCP segment with FLAGS (e.g. "SF"), print "reply" if one comes
"""
import socket, struct, sys, select, time

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF

def wait(sock, match, timeout=1.0):
    end = time.time() + timeout
    while time.time() < end:
        r, _, _ = select.select([sock], [], [], max(0, end - time.time()))
        if not r:
            return False
        data, addr = sock.recvfrom(2048)
        if match(data, addr):
            return True
    return False

def icmp(src, dst, typ):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.bind((src, 0))
    body = struct.pack("!HH", 0x4242, 1) + (b"\0" * 12 if typ == 13 else b"sipwarden")
    hdr = struct.pack("!BBH", typ, 0, 0)
    pkt = struct.pack("!BBH", typ, 0, csum(hdr + body)) + body
    s.sendto(pkt, (dst, 0))
    want = {8: 0, 13: 14}.get(typ, -1)
    return wait(s, lambda d, a: a[0] == dst and d[(d[0] & 0xF) * 4] == want)

def tcp(src, dst, port, flags):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    s.bind((src, 0))
    bits = {"F": 1, "S": 2, "R": 4, "P": 8, "A": 16, "U": 32}
    f = sum(bits[c] for c in flags)
    sport = 40000 + (int(time.time() * 1000) % 20000)
    hdr = struct.pack("!HHIIBBHHH", sport, port, 1000, 0, 5 << 4, f, 8192, 0, 0)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(hdr))
    hdr = hdr[:16] + struct.pack("!H", csum(pseudo + hdr)) + hdr[18:]
    s.sendto(hdr, (dst, 0))
    def match(d, a):
        ihl = (d[0] & 0xF) * 4
        sp, dp = struct.unpack("!HH", d[ihl:ihl + 4])
        return a[0] == dst and sp == port and dp == sport
    return wait(s, match)

if __name__ == "__main__":
    if sys.argv[1] == "icmp":
        ok = icmp(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        ok = tcp(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    print("reply" if ok else "silence")
