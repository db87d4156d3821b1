#!/usr/bin/env python3
"""Where a hub's CPU time went, from a JFR recording: share of execution samples by library, the top frames, and
who called Bouncy Castle (signing versus verifying). Run by hand:

    jfr print --events jdk.ExecutionSample hub.jfr > samples.txt
    bench/jfr-summary.py samples.txt

Record with HUB_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/hub.jfr,settings=profile,dumponexit=true".
"""
import collections
import re
import sys

CATEGORIES = [  # first match from the top of the stack wins
    ("Bouncy Castle: SM2 signing (k*G)", ("FixedPointCombMultiplier", "SM2Signer.generateSignature",
                                            "Sm2Signatures.sign")),
    ("Bouncy Castle: SM2 verifying", ("ShamirsTrick", "sumOfTwoMultiplies", "SM2Signer.verifySignature",
                                      "Sm2Signatures.verify")),
    ("Bouncy Castle: other", ("bouncycastle",)),
    ("Netty and socket I/O", ("io.netty", "sun.nio", "io.vertx.core.net")),
    ("Jackson", ("jackson",)),
    ("Camel", ("org.apache.camel",)),
    ("PostgreSQL client", ("io.vertx.pgclient", "io.vertx.sqlclient")),
]


def stacks(path):
    text = open(path, encoding="utf-8").read()
    for event in text.split("jdk.ExecutionSample {")[1:]:
        if "stackTrace = [" in event:
            frames = re.findall(r"^\s+([\w.$<>]+)\(", event.split("stackTrace = [")[1], re.M)
            if frames:
                yield frames


def main(path):
    samples = list(stacks(path))
    n = len(samples)
    shares = collections.Counter()
    top = collections.Counter()
    for frames in samples:
        top[frames[0]] += 1
        category = "other (JDK, Quarkus, Vert.x, the hub's own code)"
        for name, needles in CATEGORIES:
            if any(needle in frame for frame in frames for needle in needles):
                category = name
                break
        shares[category] += 1
    print(f"{n} execution samples")
    for name, count in shares.most_common():
        print(f"{100 * count / n:5.1f}%  {name}")
    print("top frames:")
    for frame, count in top.most_common(12):
        print(f"{100 * count / n:5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv[1])
