from typing import Any, Iterator


class Node:
    def link(self, other: "Node", weight: float = 1.0) -> "Edge":
        """Link two nodes.

        Args:
            other (Node): the other node.
            weight (float, optional): the weight. Defaults to 1.0.

        Returns:
            Edge: the new edge.
        """
        return Edge(self, other, weight)

    def label(self, text: str = "x") -> Any:
        """Contradicted by the default: the docstring is ignored.

        Args:
            text (int): the text.
        """
        return text


class Edge:
    def __init__(self, a: Node, b: Node, weight: float) -> None:
        """Make an edge.

        Args:
            a (Node): one end.
            b (Node): the other end.
            weight (float): how heavy.
        """
        self.ends = (a, b)
        self.weight = weight


def count(edges: list, *args: str, **kwargs: int) -> Iterator[int]:
    """Count edges.

    Args:
        edges (list): the edges.
        *args (str): extra names.
        **kwargs (int): extra counts.

    Yields:
        int: a count.
    """
    yield len(edges) + len(args) + sum(kwargs.values())
