"""The learner: sample reports -> corpus -> outline -> categories -> templates."""
