"""Tilsagn (grants): life cycle with two-person approval, amount, and the messages it sends."""
