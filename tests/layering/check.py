#!/usr/bin/env python3
"""The layering of needlecare, read from the objects (nm), not the sources.

usage: check.py BUILD RULE [LIB...]
  RULE curses: no object outside term/ uses a symbol that LIB (libncursesw,
               libtinfo) defines
  RULE layers: each folder uses only the folders it may (README,
               "Architecture")
  RULE cycles: no two objects depend on each other, directly or not
Prints each violation with the object, the symbol and its owner; exits 1
when there is one. A header can hide an arrow (a macro, an inline
function); what links cannot."""
import os
import subprocess
import sys

# What each folder may use besides itself. cmd sits on top: it starts the
# interface (ui_run) and everything else.
MAY_USE = {
    "base": set(),
    "care": {"base"},
    "send": {"care", "base"},
    "term": {"base"},
    "screens": {"term", "send", "care", "base"},
    "cmd": {"screens", "term", "send", "care", "base"},
}


def nm(args):
    out = subprocess.run(["nm"] + args, check=True, capture_output=True,
                         text=True).stdout
    return [line.split() for line in out.splitlines()]


def objects(build):
    objs = []
    for layer in MAY_USE:
        d = os.path.join(build, layer)
        if os.path.isdir(d):
            objs += [os.path.join(layer, f) for f in sorted(os.listdir(d))
                     if f.endswith(".o")]
    return objs


def main():
    build, rule, libs = sys.argv[1], sys.argv[2], sys.argv[3:]
    objs = objects(build)
    if not objs:
        print(f"no objects in {build}/{{{','.join(MAY_USE)}}}")
        return 1
    # One nm for all the objects: "-A" names the object on each line.
    owner, uses = {}, {o: set() for o in objs}
    paths = [os.path.join(build, o) for o in objs]
    for f in nm(["-A", "-u"] + paths):
        uses[os.path.relpath(f[0].split(":")[0], build)].add(f[-1])
    for f in nm(["-A", "--defined-only", "-g"] + paths):
        owner.setdefault(f[-1], os.path.relpath(f[0].split(":")[0], build))
    bad = []
    if rule == "curses":
        lib = set()
        for so in libs:
            lib |= {f[-1].split("@")[0] for f in nm(["-D", "--defined-only", so])
                    if len(f) == 3}
        for o in objs:
            if o.startswith("term/"):
                continue
            bad += [f"{o} uses {s} (curses)" for s in sorted(uses[o] & lib)]
    elif rule == "layers":
        for o in objs:
            mine = o.split("/")[0]
            for s in sorted(uses[o]):
                d = owner.get(s)
                if d and d.split("/")[0] not in MAY_USE[mine] | {mine}:
                    bad.append(f"{o} uses {s} of {d}: {mine}/ may use "
                               f"{', '.join(sorted(MAY_USE[mine])) or 'nothing else'}")
    elif rule == "cycles":
        edges = {o: {} for o in objs}
        for o in objs:
            for s in uses[o]:
                d = owner.get(s)
                if d and d != o:
                    edges[o].setdefault(d, s)
        bad = [" -> ".join(c) + " -> " + c[0] + "  (" + ", ".join(
            f"{a} uses {edges[a][b]}" for a, b in zip(c, c[1:] + c[:1])) + ")"
            for c in cycles(edges)]
    else:
        print(f"unknown rule {rule}")
        return 2
    for b in bad:
        print(b)
    return 1 if bad else 0


def cycles(edges):
    """One cycle for each strongly connected component of more than one
    object (Tarjan, iterative: no recursion limit to meet)."""
    index, low, stack, on, found = {}, {}, [], set(), []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(path_in(edges, set(comp)))
    return found


def path_in(edges, comp):
    """A cycle through the component's first object, for the message."""
    start = min(comp)
    prev, queue = {start: None}, [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges[v]):
            if w == start:
                path = [v]
                while prev[path[-1]] is not None:
                    path.append(prev[path[-1]])
                return path[::-1]
            if w in comp and w not in prev:
                prev[w] = v
                queue.append(w)
    return sorted(comp)


sys.exit(main())
