"""Review histories scheduled by the reference implementation of FSRS (PyPI `fsrs`, pinned), for the
Swift scheduler's tests: `python tests/e2e/fsrs_reference.py` writes them to
Tests/StarlingTests/Fixtures/fsrs-reference.json, and test_fsrs_reference.py checks that the file is
what the reference computes."""
import json
import os
import random
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler

FIXTURE = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "StarlingTests", "Fixtures", "fsrs-reference.json")


def histories(cards=40, reviews=12, seed=2026):
    """Each card is reviewed at its due time, or early, late or again the same day, with random ratings."""
    scheduler = Scheduler(desired_retention=0.9, learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    rng = random.Random(seed)
    start = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    out = []
    for _ in range(cards):
        card, at, steps = Card(), start, []
        for _ in range(reviews):
            rating = rng.choice([Rating.Again, Rating.Hard, Rating.Good, Rating.Good, Rating.Good, Rating.Easy])
            card, _ = scheduler.review_card(card, rating, review_datetime=at)
            steps.append({"at": at.isoformat().replace("+00:00", "Z"), "rating": int(rating), "stability": card.stability,
                          "difficulty": card.difficulty, "due": card.due.isoformat().replace("+00:00", "Z")})
            when = rng.random()
            if when < 0.1:
                at = at + timedelta(hours=rng.randint(1, 20))  # again the same day
            elif when < 0.3:
                at = card.due - timedelta(days=rng.randint(0, max(0, (card.due - at).days - 1)), hours=rng.randint(0, 5))
            else:
                at = card.due + timedelta(days=rng.randint(0, 30), hours=rng.randint(0, 23))
        out.append(steps)
    return out


if __name__ == "__main__":
    with open(FIXTURE, "w") as f:
        json.dump(histories(), f, indent=0)
        f.write("\n")
