class Tabbed:
	"""Tabbed."""

	def method(self, value):
		"""Return method.

		Parameters
		----------
		value
			TODO: describe.

		Returns
		-------
		TODO: describe.
		"""
		if value:
			return value
		return None


def tabbed_function(items):
	"""Yield tabbed function.

	Parameters
	----------
	items
		TODO: describe.

	Yields
	------
	TODO: describe.
	"""
	for item in items:
		yield item
