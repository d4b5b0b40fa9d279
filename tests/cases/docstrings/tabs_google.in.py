class Tabbed:
	def method(self, value):
		if value:
			return value
		return None


def tabbed_function(items):
	for item in items:
		yield item
