use super::*;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float64Type, Int64Type};
use arrow_array::{Array, ListArray};
use ogi_model::{
    Cell, Date, Decimal, Format, Marker, ProactiveColumn, ProactiveRow, ProactiveTable,
    RequestColumn, RequestRow, RequestsTable, Span, Spanned,
};

/// A 2021 report: a count, a blank and a marker in table 三, an amount in table 二.
fn report() -> Report {
    let mut report = Report::default();
    report.meta.agency = Some(Spanned::new("某县人民政府".to_owned(), Span::new(0, 18)));
    report.meta.year = Some(Spanned::new(2021, Span::new(20, 24)));
    report.meta.format = Format::V2021;
    report.meta.published = Some(Spanned::new(
        Date::new(2022, 1, 20).unwrap(),
        Span::new(30, 40),
    ));
    let mut requests = RequestsTable::new();
    let cell = |n: i64, at: u32| Cell::number(Decimal::from_int(n), Span::new(at, at + 1));
    requests.insert(RequestRow::NewReceived, RequestColumn::Total, cell(26, 100));
    requests.insert(
        RequestRow::Granted,
        RequestColumn::Total,
        Cell::blank(Span::new(110, 110)),
    );
    requests.insert(
        RequestRow::CarriedOver,
        RequestColumn::Total,
        Cell::marker(Marker::Dash, Span::new(120, 123)),
    );
    report.requests = Some(requests);
    let mut proactive = ProactiveTable::new();
    proactive.insert(
        ProactiveRow::Fees,
        ProactiveColumn::Amount,
        Cell::number(Decimal::new(125, 1).unwrap(), Span::new(200, 204)),
    );
    report.proactive = Some(proactive);
    report
}

fn data_type(schema: &Schema, name: &str) -> DataType {
    schema.field_with_name(name).unwrap().data_type().clone()
}

#[test]
fn wide_schema_types_counts_amounts_meta_and_markers() {
    let schema = wide_schema(&template_columns());
    assert_eq!(data_type(&schema, "source"), DataType::Utf8);
    assert_eq!(data_type(&schema, "status"), DataType::Utf8);
    assert_eq!(data_type(&schema, "coverage"), DataType::Utf8);
    assert_eq!(data_type(&schema, "year"), DataType::Int64);
    assert_eq!(data_type(&schema, "published"), DataType::Date32);
    assert_eq!(data_type(&schema, "agency"), DataType::Utf8);
    assert_eq!(
        data_type(&schema, "requests.new_received.total"),
        DataType::Int64
    );
    // Amounts of money (万元, 元) are Float64, with their unit.
    let fees = schema.field_with_name("proactive.fees.amount").unwrap();
    assert_eq!(fees.data_type(), &DataType::Float64);
    assert_eq!(
        fees.metadata().get("unit").map(String::as_str),
        Some("万元")
    );
    assert_eq!(
        data_type(&schema, "legacy.fees_collected.value"),
        DataType::Float64
    );
    assert_eq!(
        data_type(&schema, "narrative.fees_collected.value"),
        DataType::Float64
    );
    assert_eq!(
        data_type(&schema, "proactive.fees.prior_items"),
        DataType::Int64
    );
    assert!(matches!(data_type(&schema, "markers"), DataType::List(_)));
    // The columns: the report's, the meta of the model's list, the template's cells, markers.
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(&names[..4], ["source", "status", "reason", "coverage"]);
    let meta: Vec<&str> = META_COLUMNS.iter().map(|c| c.key).collect();
    assert_eq!(&names[4..4 + meta.len()], meta.as_slice());
    assert_eq!(names.len(), 4 + meta.len() + wide_keys().len() + 1);
}

#[test]
fn tidy_schema_types() {
    let schema = tidy_schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        &names[names.len() - 8..],
        [
            "table",
            "row",
            "column",
            "value",
            "marker",
            "approximate",
            "span_start",
            "span_end"
        ]
    );
    assert_eq!(data_type(&schema, "value"), DataType::Float64);
    assert_eq!(data_type(&schema, "year"), DataType::Int64);
    assert_eq!(data_type(&schema, "published"), DataType::Date32);
}

#[test]
fn dates_count_days_from_the_epoch() {
    assert_eq!(days_since_epoch(1970, 1, 1), 0);
    assert_eq!(days_since_epoch(2000, 3, 1), 11_017);
    assert_eq!(days_since_epoch(2022, 1, 20), 19_012);
    assert_eq!(days_since_epoch(1969, 12, 31), -1);
}

#[test]
fn wide_keeps_blank_marker_and_number_apart() {
    let report = report();
    let mut batches = Batches::of_shape(Shape::Wide);
    batches.push(&Entry::Report {
        source: "a.txt",
        report: &report,
    });
    batches.push(&Entry::Failed {
        source: "b.txt",
        reason: "decode: the input is empty",
    });
    let batch = batches.finish().unwrap();
    assert!(batches.is_empty());
    assert_eq!(batch.num_rows(), 2);
    let int = |name: &str| {
        batch
            .column_by_name(name)
            .unwrap()
            .as_primitive::<Int64Type>()
            .clone()
    };
    // A number, a blank (null), a marker (null, and listed in markers).
    assert_eq!(int("requests.new_received.total").value(0), 26);
    assert!(int("requests.granted.total").is_null(0));
    assert!(int("requests.carried_over.total").is_null(0));
    assert_eq!(int("year").value(0), 2021);
    assert!(int("year").is_null(1));
    let fees = batch
        .column_by_name("proactive.fees.amount")
        .unwrap()
        .as_primitive::<Float64Type>();
    assert!((fees.value(0) - 12.5).abs() < 1e-12);
    let published = batch
        .column_by_name("published")
        .unwrap()
        .as_primitive::<Date32Type>();
    assert_eq!(published.value(0), 19_012);
    let status = batch.column_by_name("status").unwrap().as_string::<i32>();
    assert_eq!((status.value(0), status.value(1)), ("ok", "failed"));
    let reason = batch.column_by_name("reason").unwrap().as_string::<i32>();
    assert_eq!(reason.value(1), "decode: the input is empty");
    let markers: &ListArray = batch.column_by_name("markers").unwrap().as_list();
    let first = markers.value(0);
    let first = first.as_struct();
    assert_eq!(first.len(), 1);
    assert_eq!(
        first.column(0).as_string::<i32>().value(0),
        "requests.carried_over.total"
    );
    assert_eq!(first.column(1).as_string::<i32>().value(0), "—");
    assert_eq!(markers.value(1).len(), 0);
}

#[test]
fn tidy_keeps_blank_marker_and_number_apart() {
    let report = report();
    let mut batches = Batches::tidy();
    batches.push(&Entry::Report {
        source: "a.txt",
        report: &report,
    });
    batches.push(&Entry::Skipped {
        source: "c.doc",
        reason: "a .doc file",
    });
    let batch = batches.finish().unwrap();
    // Four cells, then the skipped file's row.
    assert_eq!(batch.num_rows(), 5);
    let col = |name: &str| batch.column_by_name(name).unwrap().clone();
    let row = col("row");
    let row = row.as_string::<i32>();
    let value = col("value");
    let value = value.as_primitive::<Float64Type>();
    let marker = col("marker");
    let marker = marker.as_string::<i32>();
    let at = |key: &str| {
        (0..batch.num_rows())
            .find(|&i| row.is_valid(i) && row.value(i) == key)
            .unwrap()
    };
    let (number, blank, dash) = (at("new_received"), at("granted"), at("carried_over"));
    assert!((value.value(number) - 26.0).abs() < 1e-12);
    assert!(marker.is_null(number));
    assert!(value.is_null(blank) && marker.is_null(blank));
    assert!(value.is_null(dash));
    assert_eq!(marker.value(dash), "—");
    let source = col("source");
    assert_eq!(source.as_string::<i32>().value(4), "c.doc");
    assert!(col("table").is_null(4));
    assert_eq!(col("status").as_string::<i32>().value(4), "skipped");
    assert_eq!(col("year").as_primitive::<Int64Type>().value(0), 2021);
}

#[test]
fn present_columns_are_those_held_and_widen_for_fractions() {
    let report = report();
    let columns = present_columns(&[&report]);
    let names: Vec<String> = columns.iter().map(WideColumn::name).collect();
    assert_eq!(
        names,
        [
            "proactive.fees.amount",
            "requests.new_received.total",
            "requests.carried_over.total",
            "requests.granted.total",
        ]
    );
    assert!(columns[0].float && !columns[1].float);
}

#[test]
fn files_are_written_in_batches_and_read_back() {
    let report = report();
    for format in [FileFormat::Parquet, FileFormat::Ipc] {
        let mut writer = FileWriter::new(Vec::new(), format, Batches::tidy()).unwrap();
        for _ in 0..3 {
            writer
                .push(&Entry::Report {
                    source: "a.txt",
                    report: &report,
                })
                .unwrap();
        }
        let bytes = writer.finish().unwrap();
        match format {
            FileFormat::Parquet => {
                assert_eq!(&bytes[..4], b"PAR1");
                assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
                let mut file = tempfile::tempfile().unwrap();
                std::io::Write::write_all(&mut file, &bytes).unwrap();
                let reader =
                    parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
                        .unwrap()
                        .build()
                        .unwrap();
                let rows: usize = reader.map(|b| b.unwrap().num_rows()).sum();
                assert_eq!(rows, 12);
            }
            FileFormat::Ipc => {
                let reader =
                    arrow_ipc::reader::FileReader::try_new(std::io::Cursor::new(bytes), None)
                        .unwrap();
                assert_eq!(reader.schema(), tidy_schema());
                let rows: usize = reader.map(|b| b.unwrap().num_rows()).sum();
                assert_eq!(rows, 12);
            }
        }
    }
}

#[test]
fn an_empty_run_is_a_valid_file() {
    let writer =
        FileWriter::new(Vec::new(), FileFormat::Ipc, Batches::of_shape(Shape::Wide)).unwrap();
    let bytes = writer.finish().unwrap();
    let reader = arrow_ipc::reader::FileReader::try_new(std::io::Cursor::new(bytes), None).unwrap();
    assert_eq!(reader.count(), 0);
}
