//! The embeddable widget (built in its own issue).
