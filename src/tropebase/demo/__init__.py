"""A demo catalog written for tropebase: everyday tropes and invented works, to explore a fresh wiki."""
