"""commission"""
