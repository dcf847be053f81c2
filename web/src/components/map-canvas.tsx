/**
 * The communication map drawn with Cytoscape.js. Loaded on demand (the library is large) by the
 * map page only. The layout is concentric by number of conversations, which is deterministic:
 * the same data always draws the same picture, so a screenshot in a report can be compared.
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
      'font-size': 10,
      'text-valign': 'bottom',
      'text-margin-y': 4,
      color: '#212529',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
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
      'font-size': 8,
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
  readonly onSelect: (nodeId: string | null) => void;
}

/** The drawing; the page beside it offers the same data as a table. */
export function MapCanvas({ nodes, edges, summary, onSelect }: MapCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (container.current === null) return undefined;
    const cy = cytoscape({
      container: container.current,
      elements: [...nodes, ...edges].map((element) => ({ ...element, data: { ...element.data } })),
      style: STYLE,
      layout: {
        name: 'concentric',
        concentric: (node) => node.degree(false),
        levelWidth: () => 2,
        minNodeSpacing: 40,
        animate: false,
      },
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
    return () => {
      cy.destroy();
    };
  }, [nodes, edges]);

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
