class Tabbed:
	"""Tabbed."""

	def method(self, value):
		"""Return method.

		:param value: TODO: describe.
		:returns: TODO: describe.
		"""
		if value:
			return value
		return None


def tabbed_function(items):
	"""Yield tabbed function.

	:param items: TODO: describe.
	:yields: TODO: describe.
	"""
	for item in items:
		yield item
