#!/usr/bin/env python3
"""Where a hub's CPU time went, from a JFR recording: share of execution samples by what the work was for, and the
top frames. Run by hand:

    jfr print --stack-depth 64 --events jdk.ExecutionSample hub.jfr > samples.txt
    bench/jfr-summary.py samples.txt [FROM TO]

FROM and TO (HH:MM:SS, as the recording prints times) keep only the samples of one phase, e.g. the times
bench/verify logs for "pinned: wrk max throughput" and the line after it.

Record with HUB_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/hub.jfr,settings=profile,dumponexit=true", or for
one phase with `jcmd <hub pid> JFR.start settings=profile duration=15s filename=/tmp/hub.jfr`.

A sample is put under signature work if its stack holds any (Bouncy Castle's SM2 verify or sign, JDK TLS
handshakes), else under its innermost frame that is the hub's own code ("hub: <class>") or a known library (TLS
records, Jackson, logging, RESTEasy, Camel, the PostgreSQL client, network I/O, Vert.x, ...). Execution samples cover Java code only: time in the
garbage collector, the JIT compilers and the kernel is not in them.
"""
import collections
import re
import sys

SIGNATURES = [
    ("Bouncy Castle: SM2 signing", ("FixedPointCombMultiplier", "SM2Signer.generateSignature", "Sm2Signatures.sign")),
    ("Bouncy Castle: SM2 verifying", ("ShamirsTrick", "sumOfTwoMultiplies", "SM2Signer.verifySignature",
                                      "Sm2Signatures.verify")),
    ("JDK: TLS handshakes", ("Handshake",)),
]
LIBRARIES = [  # innermost frame wins
    ("TLS records (JDK SSLEngine)", ("sun.security.ssl", "io.netty.handler.ssl")),
    ("Bouncy Castle: other", ("org.bouncycastle",)),
    ("logging", ("org.jboss.logmanager", "org.jboss.logging")),
    ("Jackson", ("com.fasterxml.jackson",)),
    ("RESTEasy Reactive", ("org.jboss.resteasy",)),
    ("Camel", ("org.apache.camel",)),
    ("SmallRye Fault Tolerance", ("io.smallrye.faulttolerance",)),
    ("Mutiny", ("io.smallrye.mutiny",)),
    ("PostgreSQL client", ("io.vertx.pgclient", "io.vertx.sqlclient")),
    ("network I/O (Netty, NIO)", ("io.netty", "sun.nio")),
    ("Vert.x", ("io.vertx",)),
    ("Quarkus", ("io.quarkus",)),
]


def stacks(path, start=None, end=None):
    text = open(path, encoding="utf-8").read()
    for event in text.split("jdk.ExecutionSample {")[1:]:
        at = re.search(r"startTime = (\d\d:\d\d:\d\d)", event)
        if start and at and not start <= at.group(1) < end:
            continue
        if "stackTrace = [" in event:
            frames = re.findall(r"^\s+([\w.$<>]+)\(", event.split("stackTrace = [")[1], re.M)
            if frames:
                yield frames


def category(frames):
    for name, needles in SIGNATURES:
        if any(needle in frame for frame in frames for needle in needles):
            return name
    for frame in frames:
        if frame.startswith("org.yimatong."):
            cls = frame.rsplit(".", 1)[0].rsplit(".", 1)[-1].split("$")[0]
            return "hub: " + cls
        for name, needles in LIBRARIES:
            if any(frame.startswith(needle) for needle in needles):
                return name
    return "other (JDK)"


def main(path, start=None, end=None):
    samples = list(stacks(path, start, end))
    n = len(samples)
    if n == 0:
        sys.exit("no execution samples in " + path)
    shares = collections.Counter(category(frames) for frames in samples)
    top = collections.Counter(frames[0] for frames in samples)
    print(f"{n} execution samples")
    for name, count in shares.most_common(25):
        print(f"{100 * count / n:5.1f}%  {name}")
    print("top frames:")
    for frame, count in top.most_common(12):
        print(f"{100 * count / n:5.1f}%  {frame}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
