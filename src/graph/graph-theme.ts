/** The colours rrdtool draws with, per page theme. */
export interface GraphTheme {
  /** `--color` arguments: background, canvas, font, grid and the rest. */
  colors: Record<string, string>;
  /** Line colours, taken in order. */
  palette: string[];
}

export const GRAPH_THEMES: Record<'light' | 'dark', GraphTheme> = {
  light: {
    colors: {
      BACK: '#FFFFFF',
      CANVAS: '#FFFFFF',
      SHADEA: '#FFFFFF',
      SHADEB: '#FFFFFF',
      FONT: '#1F2933',
      AXIS: '#52606D',
      ARROW: '#52606D',
      GRID: '#D9E2EC80',
      MGRID: '#9AA5B180',
      FRAME: '#FFFFFF',
    },
    palette: [
      '#1F77B4',
      '#D62728',
      '#2CA02C',
      '#FF7F0E',
      '#9467BD',
      '#8C564B',
      '#E377C2',
      '#17BECF',
    ],
  },
  dark: {
    colors: {
      BACK: '#14181F',
      CANVAS: '#14181F',
      SHADEA: '#14181F',
      SHADEB: '#14181F',
      FONT: '#D9E2EC',
      AXIS: '#9AA5B1',
      ARROW: '#9AA5B1',
      GRID: '#3E4C5980',
      MGRID: '#616E7C80',
      FRAME: '#14181F',
    },
    palette: [
      '#5AB0F0',
      '#FF6B6B',
      '#5FD35F',
      '#FFB347',
      '#C39BF0',
      '#D9A07A',
      '#F59BD6',
      '#4FD8E6',
    ],
  },
};

export type ThemeName = keyof typeof GRAPH_THEMES;
