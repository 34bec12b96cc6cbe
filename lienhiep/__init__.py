"""Liên hiệp: the working system of a provincial Union of S&T Associations."""
