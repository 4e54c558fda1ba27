#!/usr/bin/env python3
# risk_world.py writes risk_world.osm (the small world of mapping/risk_test.go)
# and prints the risk of every cell computed by an independent
# re-implementation of the method in docs/risk.md: the expected numbers in
# the tests come from here, not from the Go code. Run: python3 risk_world.py
import os
import math
mpd = 6378137.0*math.pi/180
minLon, minLat, maxLon, maxLat = 39.2, -6.81, 39.21, -6.80
cellM = 250.0
mid = (minLat+maxLat)/2
dLat = cellM/mpd
dLon = cellM/(mpd*math.cos(math.radians(mid)))
cols = math.ceil((maxLon-minLon)/dLon); rows = math.ceil((maxLat-minLat)/dLat)
def bound(r,c):
    x0 = minLon + c*dLon; y0 = minLat + r*dLat
    return (x0,y0,x0+dLon,y0+dLat)
def centre(r,c):
    b=bound(r,c); return ((b[0]+b[2])/2,(b[1]+b[3])/2)
def cellOf(p):
    return (math.floor((p[1]-minLat)/dLat), math.floor((p[0]-minLon)/dLon))
def dist(p,q):
    dla=math.radians(p[1]-q[1]); dlo=abs(math.radians(p[0]-q[0]))
    x=dlo*math.cos(math.radians((p[1]+q[1])/2))
    return math.sqrt(dla*dla+x*x)*6378137.0
def areaHa(r,c):
    lat=centre(r,c)[1]
    return dLon*mpd*math.cos(math.radians(lat))*dLat*mpd/1e4
print("rows cols", rows, cols, "dLon", dLon, "dLat", dLat)
for r in range(rows):
    print(r, [ "(%.7f,%.7f)"%centre(r,c) for c in range(cols)])

# ---- the world ----
nodes = []   # (id, lon, lat, tags)
ways = []    # (id, [node ids], tags)
nid = [1]
def node(lon, lat, tags=None):
    i = nid[0]; nid[0] += 1
    nodes.append((i, lon, lat, tags or {})); return i
wid = [100]
def way(pts, tags, closed=True):
    ids = [node(lon, lat) for lon, lat in pts]
    if closed: ids.append(ids[0])
    i = wid[0]; wid[0] += 1
    ways.append((i, ids, tags)); return i
def square(x0, y0, x1, y1):
    return [(x0,y0),(x1,y0),(x1,y1),(x0,y1)]
way(square(39.2, -6.81, 39.21, -6.80), {"boundary":"administrative","admin_level":"8","name":"Kata ya Mfano"})
way(square(39.2, -6.81, 39.205, -6.80), {"place":"neighbourhood","name":"Mtaa Magharibi"})
settle = (39.2028, -6.8072, 39.2040, -6.8060)
way(square(*settle), {"landuse":"residential","residential":"informal","name":"Bondeni"})
way([(39.2043, -6.8095), (39.2043, -6.8050)], {"waterway":"drain"}, closed=False)
node(39.2004, -6.8066, {"amenity":"clinic","name":"Zahanati"})
node(39.2079, -6.8021, {"emergency":"assembly_point","name":"Uwanja"})
node(39.2095, -6.8085, {"flood_prone":"yes"})
node(39.2035, -6.8058, {"amenity":"drinking_water"})
node(39.2082, -6.8018, {"amenity":"school","name":"Shule"})
bcentres = []
for i in range(8):
    for j in range(8):
        bcentres.append((round(39.20285 + i*0.00015, 7), round(-6.80715 + j*0.00015, 7)))
bcentres += [(39.2025, -6.8057), (39.2043, -6.8075)]
bcentres += [(39.2075, -6.8025), (39.2080, -6.8020), (39.2085, -6.8015)]
for (x, y) in bcentres:
    h = 0.00002
    way(square(round(x-h,7), round(y-h,7), round(x+h,7), round(y+h,7)), {"building":"yes"})

def esc(s): return s.replace("&","&amp;").replace('"',"&quot;")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "risk_world.osm"), "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="hand">\n')
    f.write('  <!-- The small world of the risk layer tests (mapping/risk_test.go), written by risk_world.py. -->\n')
    for i, lon, lat, tags in nodes:
        if tags:
            f.write('  <node id="%d" lat="%.7f" lon="%.7f">\n' % (i, lat, lon))
            for k, v in tags.items(): f.write('    <tag k="%s" v="%s"/>\n' % (k, esc(v)))
            f.write('  </node>\n')
        else:
            f.write('  <node id="%d" lat="%.7f" lon="%.7f"/>\n' % (i, lat, lon))
    for i, ids, tags in ways:
        f.write('  <way id="%d">\n   ' % i)
        for n in ids: f.write(' <nd ref="%d"/>' % n)
        f.write('\n')
        for k, v in tags.items(): f.write('    <tag k="%s" v="%s"/>\n' % (k, esc(v)))
        f.write('  </way>\n')
    f.write('</osm>\n')

# ---- the model (docs/risk.md), re-implemented ----
def linedist(ls, p):
    cosLat = math.cos(math.radians(p[1])); sx = cosLat*mpd
    best = None
    for i in range(len(ls)):
        ax, ay = (ls[i][0]-p[0])*sx, (ls[i][1]-p[1])*mpd
        if i == 0: best = ax*ax+ay*ay; continue
        bx, by = (ls[i-1][0]-p[0])*sx, (ls[i-1][1]-p[1])*mpd
        dx, dy = ax-bx, ay-by
        l = dx*dx+dy*dy; t = 0.0
        if l > 0: t = max(0, min(1, -(bx*dx+by*dy)/l))
        x, y = bx+t*dx, by+t*dy
        best = min(best, x*x+y*y)
    return math.sqrt(best)
drain = [(39.2043, -6.8095), (39.2043, -6.8050)]
clinic = (39.2004, -6.8066); shelter = (39.2079, -6.8021); floodp = (39.2095, -6.8085)
def inside(p, b): return b[0] < p[0] < b[2] and b[1] < p[1] < b[3]
T = 0  # days
reports = [  # (lon, lat, severity, age days, status, hazard)
    (39.2030, -6.8066, 4, 7, "new", True),
    (39.2036, -6.8064, 5, 0, "verified", True),
    (39.2032, -6.8070, 4, 1, "rejected", True),
    (39.2034, -6.8062, 3, 0, "new", False),
    (39.2078, -6.8022, 2, 14, "resolved", True),
    (39.2500, -6.8500, 4, 0, "new", True),
]
def model(at_days=0):
    out = {}
    for r in range(rows):
        for c in range(cols):
            p = centre(r, c)
            bs = [b for b in bcentres if cellOf(b) == (r, c)]
            inf = [b for b in bs if inside(b, settle)]
            dw = linedist(drain, p); dw = dw if dw <= 500 else -1
            dh = dist(p, floodp); dh = dh if dh <= 500 else -1
            prox = round(max([0] + [max(0, 1-d/500) for d in (dw, dh) if d >= 0]), 4)
            W = 0; n = 0
            for (x, y, sev, age, st, hz) in reports:
                if hz and st not in ("rejected", "duplicate") and cellOf((x, y)) == (r, c):
                    W += sev * 2 ** (-(age + at_days) / 7); n += 1
            if not bs and prox == 0 and n == 0: continue
            ha = areaHa(r, c)
            if bs:
                rho = len(bs)/ha; e = rho/(rho+10); s = len(inf)/len(bs)
                E = round(e*(1-0.5+0.5*s), 4)
            else:
                E = 0
            hm, sm = dist(p, clinic), dist(p, shelter)
            V = round((min(1, hm/2000) + min(1, sm/1000))/2, 4)
            rr = W/(W+5)
            H = round(1-(1-rr)*(1-0.5*prox), 4)
            S = round(min(1, (H*E*(0.25+0.75*V)) ** (1/3)), 4)
            cl = "low" if S < 0.25 else "medium" if S < 0.5 else "high" if S < 0.75 else "very_high"
            out["r%dc%d" % (r, c)] = dict(buildings=len(bs), informal=len(inf), waterway_m=round(dw,1) if dw>=0 else None,
                hazard_zone_m=round(dh,1) if dh>=0 else None, water_proximity=prox, report_weight=round(W,4), reports=n,
                exposure=E, health_m=round(hm,1), shelter_m=round(sm,1), vulnerability=V, report_hazard=round(rr,4),
                hazard=H, score=S, cls=cl)
    return out
import sys
if len(sys.argv) > 1:  # risk_world.py DAYS prints cell r1c1 DAYS later
    print(model(float(sys.argv[1]))["r1c1"])
    sys.exit()
m = model()
for k, v in sorted(m.items()):
    print(k, v)
print("at +7d r1c1:", model(7)["r1c1"])
