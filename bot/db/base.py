"""The declarative base every model shares (its own module, so model modules never import each other)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
