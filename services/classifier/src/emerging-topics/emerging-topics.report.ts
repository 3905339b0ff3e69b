import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { detectEmergingTopics, EmergingTopic, frequentTerms } from './domain/detect-emerging-topics';
import { rollingWindows } from './domain/rolling-window';
import { EmergingTopicsRepository } from './emerging-topics.repository';
import { EMERGING_TOPICS_SETTINGS, EmergingTopicsSettings } from './emerging-topics.settings';

export interface EmergingTopicsReportRequest {
  /** As asked (`7d`), echoed in the report. */
  window: string;
  windowMs: number;
  minCases: number;
  /** End of the window (exclusive); defaults to now. */
  to?: Date;
}

export interface EmergingTopicsReport {
  window: string;
  from: string;
  to: string;
  previousWindow: { from: string; to: string; lowConfidenceCases: number };
  baseline: { fromDay: string; toDay: string; cases: number };
  minCases: number;
  lowConfidenceCases: number;
  topics: EmergingTopic[];
}

/**
 * Reads the window's and the previous window's low-confidence cases and the baseline frequencies of
 * the terms that could matter (those in at least minCases window cases), then runs the detector.
 * Three small queries plus one per window; nothing rescans history.
 */
@Injectable()
export class EmergingTopicsReporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: EmergingTopicsRepository,
    @Inject(EMERGING_TOPICS_SETTINGS) private readonly settings: EmergingTopicsSettings,
  ) {}

  async report(request: EmergingTopicsReportRequest): Promise<EmergingTopicsReport> {
    const windows = rollingWindows(request.to ?? new Date(), request.windowMs, this.settings.baselineDays);
    const manager = this.dataSource.manager;
    const limit = this.settings.maxWindowCases;
    const window = await this.repository.lowConfidenceCases(manager, windows.from, windows.to, limit);
    const previousWindow = await this.repository.lowConfidenceCases(
      manager,
      windows.previousFrom,
      windows.from,
      limit,
    );
    const background = await this.repository.background(
      manager,
      windows.baselineFromDay,
      windows.baselineToDay,
      frequentTerms(window, request.minCases),
    );
    const topics = detectEmergingTopics(
      { window, previousWindow, background },
      { ...this.settings.detection, minCases: request.minCases },
    );
    return {
      window: request.window,
      from: windows.from.toISOString(),
      to: windows.to.toISOString(),
      previousWindow: {
        from: windows.previousFrom.toISOString(),
        to: windows.from.toISOString(),
        lowConfidenceCases: previousWindow.length,
      },
      baseline: {
        fromDay: windows.baselineFromDay,
        toDay: windows.baselineToDay,
        cases: background.documents,
      },
      minCases: request.minCases,
      lowConfidenceCases: window.length,
      topics,
    };
  }
}
