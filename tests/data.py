"""Shared locations and tiny document texts for the tests (our own words, never the seeds')."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
SCORER = SHARED / "eval" / "score.py"
NO_SHARED_REASON = f"../shared is absent ({SHARED}); the seed documents and gold live there"

LADDER_MD = """# Platform Engineer

Platform Engineers keep the internal developer platform healthy.

## Required skills
- Proficiency in Python and Go
- Experience with Kubernetes and Terraform

## Nice to have
- Familiarity with Rust

## Career progression
Platform Engineer → Senior Platform Engineer → Platform Engineering Manager
"""

SENIOR_MD = """# Senior Platform Engineer

## Required skills
- Deep experience with Kubernetes, Terraform and AWS
- Mentoring junior engineers

## Career progression
Senior Platform Engineer → Platform Engineering Manager
"""
