/** Monaco's text layout in cells, shared with the plain preview so a cell keeps its height when its editor mounts. */
export const editorMetrics = { fontSize: 13, lineHeight: 20, padding: 10, gutter: 12 } as const;
