/**
 * The communication map drawn with Cytoscape.js. Loaded on demand (the library is large) by the
 * map page only. Nodes sit around a circle in a fixed order (by zone, then name), which is
 * deterministic: the same data always draws the same picture, so screenshots compare, and no
 * line between two systems runs under a third.
 */
import cytoscape, { type StylesheetJson } from 'cytoscape';
import { useEffect, useRef } from 'react';
import type { GraphEdge, GraphNode } from '../lib/map-graph';

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      'font-size': 12,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      color: '#212529',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      // Labels too small to read on a large map are not drawn; zoom in to see them.
      'min-zoomed-font-size': 7,
      width: 26,
      height: 26,
    },
  },
  {
    selector: 'node.address',
    style: {
      shape: 'round-rectangle',
      'border-width': 2,
      'border-style': 'dashed',
      'border-color': '#868e96',
    },
  },
  {
    selector: 'node:selected',
    style: { 'border-width': 4, 'border-color': '#000000', 'border-style': 'solid' },
  },
  {
    selector: 'edge',
    style: {
      'curve-style': 'bezier',
      width: 1.5,
      'line-color': '#adb5bd',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#adb5bd',
      label: 'data(label)',
      'font-size': 10,
      color: '#495057',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
    },
  },
  {
    selector: 'edge.encrypted',
    style: {
      'line-color': '#2f9e44',
      'target-arrow-color': '#2f9e44',
      'line-style': 'dashed',
      width: 2,
    },
  },
  {
    selector: 'edge.ephi-plaintext',
    style: { 'line-color': '#e03131', 'target-arrow-color': '#e03131', width: 5, color: '#c92a2a' },
  },
];

interface MapCanvasProps {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** A short description of what the picture shows, for assistive technology. */
  readonly summary: string;
  /** The node picked here or from the page's list; it is highlighted and centred. */
  readonly selected: string | null;
  readonly onSelect: (nodeId: string | null) => void;
}

/** The drawing; the page beside it offers the same data as a table. */
export function MapCanvas({ nodes, edges, summary, selected, onSelect }: MapCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const graph = useRef<cytoscape.Core | null>(null);
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    if (container.current === null) return undefined;
    const cy = cytoscape({
      container: container.current,
      elements: [...nodes, ...edges].map((element) => ({ ...element, data: { ...element.data } })),
      style: STYLE,
      // Around a circle in the order given (by zone, then name): no line ever runs under a node.
      layout: { name: 'circle', avoidOverlap: true, animate: false },
      minZoom: 0.2,
      maxZoom: 3,
      selectionType: 'single',
      boxSelectionEnabled: false,
    });
    cy.on('tap', 'node', (event) => {
      select.current((event.target as cytoscape.NodeSingular).id());
    });
    cy.on('tap', (event) => {
      if (event.target === cy) select.current(null);
    });
    graph.current = cy;
    return () => {
      graph.current = null;
      cy.destroy();
    };
  }, [nodes, edges]);

  useEffect(() => {
    const cy = graph.current;
    if (cy === null) return;
    cy.elements().unselect();
    if (selected === null) return;
    const node = cy.getElementById(selected);
    if (node.nonempty()) {
      node.select();
      cy.center(node);
    }
  }, [selected, nodes, edges]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={summary}
      data-testid="map-canvas"
      style={{ height: 600, width: '100%', background: '#ffffff' }}
    />
  );
}
