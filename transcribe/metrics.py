"""Measuring transcript quality: word error rate, for tests and benchmarks."""

from __future__ import annotations

from transcribe.quality import normalise


def word_errors(reference: str, hypothesis: str) -> int:
    """Substitutions, deletions and insertions turning ``reference`` into ``hypothesis`` (case, punctuation ignored)."""
    ref, hyp = normalise(reference).split(), normalise(hypothesis).split()
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i]
        for j, hyp_word in enumerate(hyp, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_word != hyp_word)))
        previous = current
    return previous[-1]


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word errors divided by the number of reference words (0.0 is perfect; can exceed 1.0)."""
    words = len(normalise(reference).split())
    if words == 0:
        return 0.0 if not normalise(hypothesis) else 1.0
    return word_errors(reference, hypothesis) / words
