"""Phases of the cycle of closeness and distance: codes, hand marks and suggestions.

The domain only, without Streamlit or storage. This package imports nothing on purpose, so
that `nabij.phases.four_phases` stays cheap for storage and pages. Import from the modules:

- codes.py: `Phase` and the cyclic order (`PHASE_ORDER`, `next_phase`, `follows_cycle`);
- marks.py: phases marked by hand;
- suggest.py: `suggest_phases(events_frame) -> PhaseSuggestion`, the engine, and
  `PhaseSuggester`, which follows one journal as it changes (reusing its last fit);
- claims.py: which days a suggestion may name a phase for (the others are unknown), and
  whether today can be read from the last moment;
- explain.py: `Reason` and `describe_reason(reason, msg)`;
- chain.py: Viterbi and state marginals of a chain in log space, shared by both methods;
- hmm.py and changepoint.py: the two methods compared in bench/phases.py;
- synthetic.py and scoring.py: generated journals with a known answer and the scoring rule.
"""
