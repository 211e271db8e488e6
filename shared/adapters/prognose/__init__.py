"""The spend forecast's reading of tilsagn, participants and claims, and Nav's budget figure, in Firestore."""
