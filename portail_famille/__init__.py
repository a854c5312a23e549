"""Portail Famille: the family portal of schools and town halls."""
