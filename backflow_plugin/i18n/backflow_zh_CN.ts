<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>Backflow</name>
        <message>
            <location filename="../../backflow_plugin/core/places/countries.py" line="26" />
            <source>USA</source>
            <translation>美国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/core/places/countries.py" line="27" />
            <source>UK</source>
            <translation>英国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/core/places/countries.py" line="28" />
            <source>Rest of Europe</source>
            <translation>欧洲其他地区</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/core/places/countries.py" line="29" />
            <source>Asia</source>
            <translation>亚洲</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/core/places/countries.py" line="30" />
            <source>Australia</source>
            <translation>澳大利亚</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/core/places/countries.py" line="31" />
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/core/report/run.py" line="88" />
            <source>Could not count the rows of {}: {}</source>
            <translation>无法统计 {} 的行数：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/core/schema.py" line="71" />
            <source>national core</source>
            <translation>国家核心城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/core/schema.py" line="71" />
            <source>regional excellent</source>
            <translation>区域优秀城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/core/schema.py" line="71" />
            <source>regional special</source>
            <translation>区域特色城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="55" />
            <location filename="../../scripts/update_translations.py" />
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="55" />
            <source>Order</source>
            <translation>顺序</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="55" />
            <location filename="../../backflow_plugin/gui/panel.py" line="145" />
            <location filename="../../backflow_plugin/gui/stage_grid.py" line="48" />
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="55" />
            <location filename="../../backflow_plugin/processing/log_words.py" line="39" />
            <location filename="../../scripts/update_translations.py" />
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="56" />
            <location filename="../../scripts/update_translations.py" />
            <source>Country</source>
            <translation>国家/地区</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="56" />
            <source>Organisation</source>
            <translation>单位</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="56" />
            <location filename="../../scripts/update_translations.py" />
            <source>Year</source>
            <translation>年份</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="57" />
            <source>Province / state</source>
            <translation>省份 / 州</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="67" />
            <location filename="../../backflow_plugin/gui/panel_run.py" line="97" />
            <location filename="../../backflow_plugin/gui/panel_run.py" line="176" />
            <source>Backflow</source>
            <translation>回流</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="87" />
            <source>Table</source>
            <translation>数据表</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="94" />
            <source>Layer</source>
            <translation>图层</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="97" />
            <source>Choose a trajectory table</source>
            <translation>选择轨迹数据表</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="99" />
            <source>or file</source>
            <translation>或文件</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="100" />
            <source>Choose a layer or a file (CSV in any encoding, XLSX...)</source>
            <translation>选择图层或文件（任意编码的 CSV、XLSX……）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="106" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="118" />
            <source>Table layout</source>
            <translation>表格结构</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="116" />
            <source>Columns of each stage (wide table: one row per person)</source>
            <translation>各阶段的列（宽表：每人一行）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="129" />
            <source>Detected columns</source>
            <translation>识别出的列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="140" />
            <source>Stage labels (correct the detected stage if needed)</source>
            <translation>阶段标签（如识别有误请更正）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="153" />
            <source>Options</source>
            <translation>选项</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="157" />
            <source>ISO code of the home country, or 'birth' for each person's birth country</source>
            <translation>本国的 ISO 代码，或填 'birth' 表示以每人的出生国为本国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="159" />
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="75" />
            <location filename="../../backflow_plugin/styling/basemap.py" line="127" />
            <source>Home country</source>
            <translation>本国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="162" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="117" />
            <source>Hybrid (centrality + administrative rank, as the paper)</source>
            <translation>混合法（中心性 + 行政等级，与论文一致）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="163" />
            <location filename="../../backflow_plugin/processing/city_network.py" line="170" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="118" />
            <source>Natural breaks (Fisher-Jenks)</source>
            <translation>自然断点（Fisher-Jenks）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="164" />
            <location filename="../../backflow_plugin/processing/city_network.py" line="171" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="119" />
            <source>Head/tail breaks</source>
            <translation>头尾断点</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="165" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="120" />
            <source>Quantiles</source>
            <translation>分位数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="166" />
            <location filename="../../backflow_plugin/processing/city_network.py" line="173" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="121" />
            <source>Top N</source>
            <translation>前 N 名</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="169" />
            <location filename="../../backflow_plugin/processing/city_network.py" line="167" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="125" />
            <source>Tier method</source>
            <translation>分级方法</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="174" />
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="161" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="154" />
            <source>Flow line geometry</source>
            <translation>流线几何</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="177" />
            <location filename="../../backflow_plugin/processing/base.py" line="378" />
            <source>Match the return with known places by</source>
            <translation>回流地与已知地点的匹配层级</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="182" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="170" />
            <source>Analysis level of places in China</source>
            <translation>中国地点的分析层级</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="184" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="205" />
            <source>CSV files (*.csv *.txt *.tsv)</source>
            <translation>CSV 文件 (*.csv *.txt *.tsv)</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="186" />
            <source>A CSV of value, place, country applied before resolving (empty: none)</source>
            <translation>在地名解析前应用的 CSV（原值、地点、国家）（留空：不使用）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="188" />
            <source>Place aliases</source>
            <translation>地名别名表</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="189" />
            <source>Review unresolved…</source>
            <translation>检查未解析地名…</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="192" />
            <source>List the city values that do not resolve and give their places</source>
            <translation>列出无法解析的城市值并为其指定地点</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="201" />
            <source>Provinces, city clusters, zones: returnees and flows by region</source>
            <translation>省份、城市群、功能区：按区域统计回流人才与流动</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="203" />
            <source>Regions (optional)</source>
            <translation>区域（可选）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="204" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="174" />
            <source>Write the report</source>
            <translation>生成报告</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="212" />
            <source>Cities, flows and table cells of fewer persons are hidden in the report, the map and the layers shown (the files keep every row); 1 shows everything</source>
            <translation>人数少于此值的城市、流动和表格单元格在报告、地图和显示的图层中隐藏（文件保留所有行）；设为 1 则全部显示</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="217" />
            <source>Hide groups under (persons)</source>
            <translation>隐藏人数少于（人）的分组</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="222" />
            <source>Run</source>
            <translation>运行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="225" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="246" />
            <source>Open the report</source>
            <translation>打开报告</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="249" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="183" />
            <source>Make the publication map</source>
            <translation>制作出版地图</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="275" />
            <source>Map display</source>
            <translation>地图显示</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="278" />
            <source>Home country (Albers equal-area)</source>
            <translation>本国（Albers 等积投影）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="279" />
            <source>World (Equal Earth, centred by the flows)</source>
            <translation>世界（Equal Earth 投影，按流向居中）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="282" />
            <source>Projection and view of a new project (an existing project keeps its own)</source>
            <translation>新工程的投影与视图（已有工程保留其自身设置）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="284" />
            <source>New project view</source>
            <translation>新工程视图</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="289" />
            <source>Flows of at least (persons)</source>
            <translation>流量下限（人数）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="292" />
            <location filename="../../backflow_plugin/processing/city_network.py" line="423" />
            <source>all</source>
            <translation>全部</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="294" />
            <source>Only the largest flows</source>
            <translation>仅显示最大的流</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="299" />
            <source>off</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="302" />
            <source>Adds a layer of the cities merged within this distance and of the return flows between them</source>
            <translation>添加一个图层：在此距离内合并的城市及其间的回流</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="307" />
            <source>Cluster nearby cities</source>
            <translation>合并邻近城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="104" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="120" />
            <source>Long: one row per stage</source>
            <translation>长表：每个阶段一行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="104" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="121" />
            <source>Wide: one row per person</source>
            <translation>宽表：每人一行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="113" />
            <source>First rows</source>
            <translation>前几行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="145" />
            <source>Label in the table</source>
            <translation>表中的标签</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="145" />
            <location filename="../../backflow_plugin/gui/review.py" line="49" />
            <source>Rows</source>
            <translation>行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="172" />
            <location filename="../../backflow_plugin/processing/base.py" line="370" />
            <source>Straight</source>
            <translation>直线</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="172" />
            <location filename="../../backflow_plugin/processing/base.py" line="370" />
            <source>Geodesic (great circle)</source>
            <translation>测地线（大圆）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="172" />
            <location filename="../../backflow_plugin/processing/base.py" line="370" />
            <source>Curved arc</source>
            <translation>弧线</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="176" />
            <location filename="../../backflow_plugin/processing/base.py" line="379" />
            <source>City (as the paper)</source>
            <translation>城市（与论文一致）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="176" />
            <location filename="../../backflow_plugin/processing/base.py" line="379" />
            <source>Province (came back near home)</source>
            <translation>省份（回到家乡附近）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="180" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="171" />
            <source>Prefecture-level city (as the paper)</source>
            <translation>地级市（与论文一致）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel.py" line="180" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="171" />
            <source>County / district</source>
            <translation>县 / 区</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_common.py" line="23" />
            <source>birth</source>
            <translation>出生地</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_common.py" line="23" />
            <source>bachelor</source>
            <translation>本科</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_common.py" line="23" />
            <source>master</source>
            <translation>硕士</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_common.py" line="24" />
            <source>phd</source>
            <translation>博士</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_common.py" line="24" />
            <source>postdoc</source>
            <translation>博士后</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_common.py" line="24" />
            <location filename="../../backflow_plugin/processing/log_words.py" line="41" />
            <source>work</source>
            <translation>工作</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_common.py" line="24" />
            <source>visit</source>
            <translation>访问</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_common.py" line="25" />
            <source>return</source>
            <translation>回国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_common.py" line="25" />
            <source>later</source>
            <translation>后续</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="35" />
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="112" />
            <source>historic names</source>
            <translation>历史地名</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="36" />
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="113" />
            <source>placed by province or state</source>
            <translation>借助省份或州定位</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="37" />
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="114" />
            <source>small places</source>
            <translation>小地方</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="38" />
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="115" />
            <source>in another country than given</source>
            <translation>位于所给国家之外</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="39" />
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="116" />
            <source>city from the organisation</source>
            <translation>城市来自机构</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="40" />
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="117" />
            <source>place aliases</source>
            <translation>地名别名</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="41" />
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="118" />
            <source>a province only</source>
            <translation>仅有省份</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="42" />
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="119" />
            <source>fuzzy matches (check in Review)</source>
            <translation>模糊匹配（请在“检查”中核对）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="43" />
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="120" />
            <source>abbreviations and addresses read</source>
            <translation>已识别缩写和地址</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="190" />
            <source>Every flow and city is shown (threshold 1), single persons included: for your own look at the data, not for publication.</source>
            <translation>所有流线和城市均已显示（阈值 1），包括仅一人的：仅供自己查看数据，不可用于发表。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="212" />
            <source>Show everything (1: not for publication)</source>
            <translation>全部显示（1：不可用于发表）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="134" />
            <source>Cancelling...</source>
            <translation>正在取消……</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="149" />
            <source>The analysis did not finish.</source>
            <translation>分析未完成。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="153" />
            <source>{persons} persons, {resolved} of {rows} rows placed; {circle} circle and {linear} linear routes.</source>
            <translation>{persons} 人，{rows} 行中 {resolved} 行已定位；环形路径 {circle} 条，线形路径 {linear} 条。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="199" />
            <source>The threshold of {k} persons hides most of the map: {fs} of {ft} flows and {cs} of {ct} cities are shown.</source>
            <translation>{k} 人的阈值隐藏了地图的大部分内容：{ft} 条流线中显示 {fs} 条，{ct} 个城市中显示 {cs} 个。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="128" />
            <source>Running the full analysis on {}...</source>
            <translation>正在对 {} 运行完整分析……</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="140" />
            <source>Warning: </source>
            <translation>警告：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="140" />
            <source>Error: </source>
            <translation>错误：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="161" />
            <source>Rows placed with help (STAGES.flags): </source>
            <translation>借助辅助信息定位的行（STAGES.flags）：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="260" />
            <source>Cities merged within {} km: {} places, {} flows (hidden layers)</source>
            <translation>{} 公里内合并的城市：{} 个地点，{} 条流（图层默认隐藏）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="168" />
            <source>Report: {}</source>
            <translation>报告：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="207" />
            <source>A threshold of {} shows more, still no single person.</source>
            <translation>阈值设为 {} 可显示更多，且仍不显示仅一人的流线或城市。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="209" />
            <source>Show with threshold {}</source>
            <translation>按阈值 {} 显示</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="222" />
            <source>({} of {} shown: under {} persons hidden)</source>
            <translation>（{1} 条中显示 {0} 条：少于 {2} 人的已隐藏）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_run.py" line="247" />
            <source>Could not cluster the cities: {}</source>
            <translation>无法合并城市：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="174" />
            <source>This table is wide (one row per person) but the layout is long: choose 'Wide: one row per person' and check the columns of each stage</source>
            <translation>此表为宽表（每人一行），但布局选的是长表：请选择“宽表：每人一行”，并检查每个阶段的列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="73" />
            <location filename="../../backflow_plugin/gui/stage_grid.py" line="88" />
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="161" />
            <source>This table is wide (one row per person): choose a place or an organisation column for each stage in the stage grid</source>
            <translation>此表为宽表（每人一行）：请在阶段表格中为每个阶段选择地点或单位列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="278" />
            <source>Every place in the table resolves: nothing to review.</source>
            <translation>表中所有地点均已解析：无需检查。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="291" />
            <source>No place given: nothing saved.</source>
            <translation>未指定任何地点：未保存。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="126" />
            <source>Wide table (one row per person): check the columns of each stage below.</source>
            <translation>宽表（每人一行）：请检查下方各阶段的列。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="214" />
            <source>(not recognised)</source>
            <translation>（未识别）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="214" />
            <source>(by order)</source>
            <translation>（按顺序）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="303" />
            <source>{} place aliases saved to {} ({} in all); they are used for the run.</source>
            <translation>已将 {} 条地名别名保存到 {}（共 {} 条）；运行时将使用它们。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="167" />
            <source>A stage has a year column but no place or organisation column ({}): choose its place or organisation column, or no year</source>
            <translation>有阶段只选了年份列，没有地点或单位列（{}）：请为其选择地点或单位列，或不选年份</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="204" />
            <source>(empty)</source>
            <translation>（空）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="210" />
            <source>Not recognised: pick its stage, or its rows are left out</source>
            <translation>未识别：请选择其阶段，否则这些行将被舍弃</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/panel_table.py" line="63" />
            <source>Cannot read the table: {}</source>
            <translation>无法读取数据表：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/review.py" line="35" />
            <source>Review unresolved places</source>
            <translation>检查未解析的地名</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/review.py" line="78" />
            <source>Save and use</source>
            <translation>保存并使用</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/review.py" line="49" />
            <source>Value in the table</source>
            <translation>表中的值</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/review.py" line="49" />
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/review.py" line="49" />
            <source>Place</source>
            <translation>地点</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/review.py" line="72" />
            <source>A suggestion, or type a place; empty: leave unresolved</source>
            <translation>选择建议或输入地点；留空：保持未解析</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/review.py" line="39" />
            <source>{} values did not resolve. Pick a suggestion or type a place (a city name, 'Cambridge, MA', 苏州...) for each value you can place; leave the others empty. The answers are saved as a place alias table and used for the run.</source>
            <translation>有 {} 个值未能解析。请为能确定的值选择建议或输入地点（城市名、'Cambridge, MA'、苏州……），其余留空。答案将保存为地名别名表并用于本次运行。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/review.py" line="70" />
            <source>type a place</source>
            <translation>输入地点</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/review.py" line="68" />
            <source>suggested: {}</source>
            <translation>建议：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="41" />
            <source>City tiers</source>
            <translation>城市等级</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="41" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="228" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="258" />
            <source>Cities</source>
            <translation>城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="42" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="140" />
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="99" />
            <source>Backflow flows by pattern</source>
            <translation>按模式的回流流线</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="42" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="226" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="257" />
            <source>Flows</source>
            <translation>流动</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="43" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="139" />
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="97" />
            <source>Routes by pattern</source>
            <translation>按模式的路径</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="43" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="256" />
            <location filename="../../backflow_plugin/styling/layout_layers.py" line="319" />
            <source>Person routes</source>
            <translation>个人路径</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="44" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="255" />
            <location filename="../../backflow_plugin/styling/figures.py" line="152" />
            <source>Stages</source>
            <translation>阶段</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="44" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="219" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="259" />
            <source>Unresolved rows</source>
            <translation>未定位行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="45" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="142" />
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="101" />
            <source>Pattern shares</source>
            <translation>模式占比</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="46" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="147" />
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="300" />
            <source>Regions</source>
            <translation>区域</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="46" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="148" />
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="301" />
            <source>Region flows</source>
            <translation>区域间流动</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="47" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="149" />
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="303" />
            <source>Region x region matrix</source>
            <translation>区域 × 区域矩阵</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="48" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="150" />
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="304" />
            <source>Cities not in exactly one region</source>
            <translation>未恰好落在一个区域内的城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="110" />
            <source>The algorithm {} is not available</source>
            <translation>算法 {} 不可用</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/runner.py" line="223" />
            <source>Could not style {}: {}</source>
            <translation>无法为 {} 设置样式：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/stage_grid.py" line="48" />
            <source>Place column</source>
            <translation>地点列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/stage_grid.py" line="48" />
            <source>Organisation column</source>
            <translation>单位列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/stage_grid.py" line="48" />
            <source>Year column</source>
            <translation>年份列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/stage_grid.py" line="58" />
            <source>As WIDE_MAPPING text (for qgis_process and scripts):</source>
            <translation>对应的 WIDE_MAPPING 文本（供 qgis_process 和脚本使用）：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/table_preview.py" line="56" />
            <source>{} rows (layer)</source>
            <translation>{} 行（图层）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/table_preview.py" line="63" />
            <source>{} rows, encoding {}, delimiter {!r}</source>
            <translation>{} 行，编码 {}，分隔符 {!r}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/table_preview.py" line="67" />
            <source>{} rows</source>
            <translation>{} 行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/gui/table_preview.py" line="72" />
            <source>Cannot open {} as a table</source>
            <translation>无法将 {} 作为数据表打开</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/plugin.py" line="36" />
            <source>Backflow panel</source>
            <translation>回流面板</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/plugin.py" line="38" />
            <source>Backflow: from a trajectory table to maps in one run</source>
            <translation>回流：一次运行，从轨迹表到地图</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/plugin.py" line="41" />
            <source>Full analysis (Processing)...</source>
            <translation>完整分析（处理工具）……</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/adapters.py" line="56" />
            <source>{}: {} legs; geodesics drawn with at most {} segments each so the layer stays within {} vertices.</source>
            <translation>{}：{} 段行程；每条大圆线最多绘制 {} 段，使图层不超过 {} 个顶点。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/base.py" line="402" />
            <source>Return migration</source>
            <translation>回流迁移</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/base.py" line="361" />
            <location filename="../../backflow_plugin/processing/report.py" line="130" />
            <source>Stages (the STAGES output of Import trajectories)</source>
            <translation>阶段（“导入轨迹”的 STAGES 输出）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/base.py" line="369" />
            <source>Line geometry</source>
            <translation>线几何</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/base.py" line="191" />
            <source>The stages layer '{}' has no features</source>
            <translation>阶段图层 '{}' 没有要素</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/base.py" line="207" />
            <source>The table is empty (file '{}')</source>
            <translation>数据表为空（文件 '{}'）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/base.py" line="212" />
            <source>Read {}: {} rows, encoding {}, delimiter {!r}</source>
            <translation>已读取 {}：{} 行，编码 {}，分隔符 {!r}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/base.py" line="183" />
            <source>The stages layer '{layer}' has no field '{field}': use the STAGES output of Import trajectories. Fields: {fields}</source>
            <translation>阶段图层“{layer}”没有字段“{field}”：请使用“导入轨迹”的 STAGES 输出。现有字段：{fields}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/base.py" line="217" />
            <source>Read {}: {} rows</source>
            <translation>已读取 {}：{} 行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/base.py" line="417" />
            <source>Incorrect parameter value for {}</source>
            <translation>{} 的参数值不正确</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="87" />
            <source>City network: centrality and tiers</source>
            <translation>城市网络：中心性与等级</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="90" />
            <source>Builds the network of flows between cities (directed, weighted by the number of moves) from the FLOWS and CITIES layers of Import trajectories, measures each city's position in it and sorts the domestic cities that receive returnees into three tiers, as in Jiang (2021): national core, regional excellent, regional special.

Measures (fields): degree (distinct cities linked, either direction), strength (in + out moves), betweenness (weighted, distance = 1/moves, normalised), closeness (incoming, distance = 1/moves), eigenvector (undirected; empty with a warning when it is not defined), PageRank.

Tier methods: Hybrid (the paper's typology: tier 1 = top natural-breaks class of the measure; tier 2 = regional centres by administrative rank - municipality, sub-provincial city, provincial capital - or the middle class; tier 3 = the rest), Natural breaks (Fisher-Jenks, exact), Head/tail breaks, Quantile, Top N and Thresholds ('t1, t2': tier 1 &gt;= t1, tier 2 &gt;= t2). The breaks used and the count per tier are reported in the log and as numeric outputs. Stability re-classes with the other measures and reports the share of cities whose tier changes.

Cities outside the network scope keep their fields with empty measures; cities that are not candidates get an empty tier.</source>
            <translation>根据“导入轨迹”输出的 FLOWS 和 CITIES 图层构建城市间的流动网络（有向，以迁移人次为权重），度量每个城市在网络中的位置，并将接收回流人才的国内城市分为三个等级（依据 Jiang 2021）：国家核心城市、区域优秀城市、区域特色城市。

度量（字段）：度（相连的不同城市数，不分方向）、强度（流入 + 流出人次）、介数（加权，距离 = 1/人次，已归一化）、接近度（流入方向，距离 = 1/人次）、特征向量（无向；无定义时为空并给出警告）、PageRank。

分级方法：混合法（论文的类型划分：第 1 级 = 该度量自然断点的最高类；其余城市中，按行政等级为区域中心——直辖市、副省级城市、省会——或属中间类的为第 2 级；其余为第 3 级）、自然断点（Fisher-Jenks，精确解）、头尾断点、分位数、前 N 名和阈值（'t1, t2'：第 1 级 &gt;= t1，第 2 级 &gt;= t2）。所用断点和各级城市数写入日志并作为数值输出。稳定性检验用其他度量重新分级，并报告等级发生变化的城市比例。

网络范围以外的城市保留其字段，度量为空；非候选城市的等级为空。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="116" />
            <source>Flows (origin_id, dest_id, flow_type, count)</source>
            <translation>流动（origin_id, dest_id, flow_type, count）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="121" />
            <source>Cities (city_id, returnees, domestic or country, admin_rank)</source>
            <translation>城市（city_id, returnees, domestic 或 country, admin_rank）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="132" />
            <source>domestic (home to home before leaving), outbound, abroad, backflow (the return), onward (home to home after the return). Default: all.</source>
            <translation>domestic（出国前国内到国内）、outbound（出国）、abroad（国外之间）、backflow（回国）、onward（回国后国内到国内）。默认：全部。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="139" />
            <source>Network scope</source>
            <translation>网络范围</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="161" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="129" />
            <source>Centrality measure for the tiers</source>
            <translation>用于分级的中心性度量</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="178" />
            <source>Minimum returnees for a city to be classed</source>
            <translation>参与分级的最少回流人数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="179" />
            <source>Top N: national core cities</source>
            <translation>前 N 名：国家核心城市数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="180" />
            <source>Top N: regional excellent cities</source>
            <translation>前 N 名：区域优秀城市数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="185" />
            <source>Tier 1: measure &gt;= t1; tier 2: measure &gt;= t2; e.g. '0.1, 0.02'.</source>
            <translation>第 1 级：度量 &gt;= t1；第 2 级：度量 &gt;= t2；例如 '0.1, 0.02'。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="195" />
            <source>Values 'municipality', 'sub-provincial city' or 'provincial capital' (or 直辖市, 副省级城市, 省会) mark regional centres. Empty: by the measure alone.</source>
            <translation>取值 'municipality'、'sub-provincial city' 或 'provincial capital'（或 直辖市、副省级城市、省会）表示区域中心。留空：仅按度量分级。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="202" />
            <source>Stability check: re-class with the other measures</source>
            <translation>稳定性检验：用其他度量重新分级</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="248" />
            <source>City network</source>
            <translation>城市网络</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="454" />
            <source>All measures exact.</source>
            <translation>所有度量均为精确值。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="127" />
            <source>Flow types that count</source>
            <translation>计入的流动类型</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="140" />
            <location filename="../../backflow_plugin/processing/log_words.py" line="31" />
            <source>Domestic cities only</source>
            <translation>仅国内城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="140" />
            <location filename="../../backflow_plugin/processing/log_words.py" line="31" />
            <source>All cities (worldwide)</source>
            <translation>全部城市（全球）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="152" />
            <source>A birthplace given only as a province (廣東, Kiangsu) is placed at its capital and counted in province and region tables, but it is no city: by default it stays out of the network and the tiers.</source>
            <translation>仅写明省份的出生地（廣東、Kiangsu）定位于省会，并计入省份和区域统计表，但它不是城市：默认不进入城市网络和城市等级。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="169" />
            <location filename="../../backflow_plugin/processing/log_words.py" line="24" />
            <source>Hybrid (the paper's typology)</source>
            <translation>混合法（论文的类型划分）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="172" />
            <location filename="../../backflow_plugin/processing/log_words.py" line="27" />
            <source>Quantile</source>
            <translation>分位数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="174" />
            <location filename="../../backflow_plugin/processing/log_words.py" line="29" />
            <source>Thresholds</source>
            <translation>阈值</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="183" />
            <source>Thresholds: t1, t2</source>
            <translation>阈值：t1, t2</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="190" />
            <source>Administrative rank field (hybrid method)</source>
            <translation>行政等级字段（混合法）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="208" />
            <source>Home country (ISO code; used when the cities have no 'domestic' field)</source>
            <translation>本国（ISO 代码；城市图层没有 'domestic' 字段时使用）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="217" />
            <source>Number of classes (natural breaks, head/tail, quantile)</source>
            <translation>分类数（自然断点、头尾断点、分位数）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="224" />
            <source>Exact betweenness up to this many cities (above: estimated)</source>
            <translation>城市数不超过此值时精确计算介数（超过则估计）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="230" />
            <source>Estimated betweenness: number of sample cities</source>
            <translation>估计介数：抽样城市数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="234" />
            <source>Estimated betweenness: random seed</source>
            <translation>估计介数：随机种子</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="253" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="224" />
            <source>National core cities</source>
            <translation>国家核心城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="254" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="224" />
            <source>Regional excellent cities</source>
            <translation>区域优秀城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="255" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="225" />
            <source>Regional special cities</source>
            <translation>区域特色城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="256" />
            <source>Cities classed</source>
            <translation>已分级城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="257" />
            <source>Share of cities whose tier changes with the measure</source>
            <translation>随度量改变等级的城市比例</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="260" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="237" />
            <source>Measure the tiers were cut on (key)</source>
            <translation>划分等级所用的中心性指标（键）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="261" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="239" />
            <source>Tier method (key)</source>
            <translation>等级划分方法（键）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="262" />
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="238" />
            <source>Tier breaks (';'-separated, in measure units)</source>
            <translation>等级断点（以“;”分隔，指标单位）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="421" />
            <source>Network ({scope}, flow types: {types}): {n} cities, {m} links.</source>
            <translation>网络（{scope}，流动类型：{types}）：{n} 个城市，{m} 条连接。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="431" />
            <source>Flow rows left out: </source>
            <translation>未计入的流动行：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="460" />
            <source>Tiers by {method} on {measure}: {n} candidate cities; breaks {breaks}.</source>
            <translation>依据{measure}、以{method}分级：{n} 个候选城市；断点 {breaks}。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="480" />
            <source>Stability: the {n} classed cities were classed again by the same method on each other centrality measure instead of {measure}; {share:.1%} of them get another tier under at least one of those measures (the share that changes, measure by measure: {detail}).</source>
            <translation>稳定性：将 {n} 个已分级城市用同一方法、分别以其他各中心性度量（而非{measure}）重新分级；其中 {share:.1%} 的城市在至少一种度量下等级不同（各度量下等级变化的比例：{detail}）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="496" />
            <source>Not compared (no values): </source>
            <translation>未比较（无数值）：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="147" />
            <source>Include rows that name only a province</source>
            <translation>包含仅写明省份的行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="392" />
            <source>Fields replaced by this run's values: {}</source>
            <translation>被本次运行结果替换的字段：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="441" />
            <source>Betweenness ESTIMATED from {k} sample cities of {n} (above the exact limit); the other measures are exact.</source>
            <translation>介数根据 {n} 个城市中抽样的 {k} 个城市估计（超过精确计算上限）；其他度量为精确值。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="334" />
            <source>The cities have no '{}' field: the hybrid method classes by the measure alone.</source>
            <translation>城市图层没有 '{}' 字段：混合法仅按度量分级。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/city_network.py" line="448" />
            <source>Estimated betweenness: relative standard error about {:.1f}% (from two halves of the sample cities)</source>
            <translation>估计的中介中心性：相对标准误约 {:.1f}%（由样本城市的两半估计）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="313" />
            <source>{}: this version of GDAL cannot write a table without geometry as {} (GDAL 3.10 and newer can): write it as GeoPackage or CSV.</source>
            <translation>{}：此版本的 GDAL 无法将无几何的表写为 {}（GDAL 3.10 及更新版本可以）：请写为 GeoPackage 或 CSV。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="214" />
            <source>Partial output files removed: {}</source>
            <translation>已删除不完整的输出文件：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="221" />
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="318" />
            <source>Writing {} failed: {}</source>
            <translation>写入 {} 失败：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="221" />
            <source>unknown error</source>
            <translation>未知错误</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="329" />
            <source>{}: field names shortened to fit a {} file ({} bytes at most): {}</source>
            <translation>{}：字段名已缩短以适应 {} 文件（最多 {} 字节）：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="481" />
            <source>{}: rows can only be added to a file output</source>
            <translation>{}：只能向文件输出追加行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="370" />
            <source>{}: fields renamed so every output format accepts them: {}</source>
            <translation>{}：为使各种输出格式都能接受，字段已改名：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="311" />
            <location filename="../../backflow_plugin/processing/frame_writing.py" line="245" />
            <source>Cancelled while writing {}.</source>
            <translation>写入 {} 时已取消。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis.py" line="211" />
            <source>The import gave no stages layer</source>
            <translation>导入没有生成阶段图层</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis.py" line="113" />
            <location filename="../../backflow_plugin/processing/full_analysis.py" line="451" />
            <source>Running {}</source>
            <translation>正在运行 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis.py" line="396" />
            <source>Failed step(s): {}. The other outputs are complete{}</source>
            <translation>失败的步骤：{}。其他输出是完整的{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis.py" line="146" />
            <source>Disclosure control (MIN_PERSONS = {k}): on the layers added to the project, a layer filter hides the features of fewer than {k} persons ({counts}); the files keep every row.</source>
            <translation>披露控制（MIN_PERSONS = {k}）：在加入项目的图层上，图层过滤器隐藏了不足 {k} 人的要素（{counts}）；文件保留全部行。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis.py" line="154" />
            <source>Disclosure control (MIN_PERSONS = {}) applies to the report and the map; the output layers keep every city and flow.</source>
            <translation>披露控制（MIN_PERSONS = {}）适用于报告和地图；输出图层保留全部城市和流动。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis.py" line="387" />
            <source>Removed the partial outputs: {}</source>
            <translation>已删除不完整的输出：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis.py" line="407" />
            <source>{} runs when the analysis is done (main thread)</source>
            <translation>{} 将在分析完成后运行（主线程）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis.py" line="441" />
            <source>{} failed: {}</source>
            <translation>{} 失败：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="66" />
            <source>Full analysis (table to maps)</source>
            <translation>完整分析（从数据表到地图）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="69" />
            <source>Runs the whole Backflow method on one trajectory table: Import trajectories, City network (centrality and tiers), Route patterns (circle / linear), and, if chosen, the report and the publication map.

The table parameters are those of Import trajectories. Stage label corrections (advanced) re-label stage values before the import, e.g. 'Dr.=phd; 回国工作=return'.

Outputs: STAGES, ROUTES, FLOWS, CITIES, UNRESOLVED (from the import), NETWORK (cities with centrality measures and tiers), PATTERN_ROUTES and PATTERN_FLOWS (routes and backflow flows by pattern), PATTERN_SHARES, the report (HTML) and the map file, and the counts.</source>
            <translation>对一个轨迹表运行完整的回流分析：导入轨迹、城市网络（中心性与等级）、路径模式（环形 / 线形），以及（可选）报告和出版地图。

数据表参数与“导入轨迹”相同。阶段标签更正（高级）在导入前重新标注阶段值，例如 'Dr.=phd; 回国工作=return'。

输出：STAGES、ROUTES、FLOWS、CITIES、UNRESOLVED（来自导入）、NETWORK（含中心性度量和等级的城市）、PATTERN_ROUTES 和 PATTERN_FLOWS（按模式区分的路径和回流流线）、PATTERN_SHARES、报告（HTML）和地图文件，以及各项计数。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="218" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="264" />
            <location filename="../../backflow_plugin/styling/renderers.py" line="82" />
            <source>Persons</source>
            <translation>人数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="218" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="265" />
            <source>Stage rows</source>
            <translation>阶段行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="219" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="266" />
            <source>Resolved rows</source>
            <translation>已定位行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="220" />
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="268" />
            <source>Rows resolved among several places</source>
            <translation>在多个同名地点中确定的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="221" />
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="106" />
            <source>Circle routes</source>
            <translation>环形路径</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="221" />
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="107" />
            <source>Linear routes</source>
            <translation>线形路径</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="222" />
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="108" />
            <source>Persons without a pattern</source>
            <translation>无模式的人数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="223" />
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="109" />
            <source>Circle share (circle / (circle + linear))</source>
            <translation>环形占比（环形 / (环形 + 线形)）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="227" />
            <source>Flows shown at MIN_PERSONS</source>
            <translation>按 MIN_PERSONS 显示的流线数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="229" />
            <source>Cities shown at MIN_PERSONS</source>
            <translation>按 MIN_PERSONS 显示的城市数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="230" />
            <source>Threshold to offer when MIN_PERSONS hides most of the map (0: none)</source>
            <translation>MIN_PERSONS 隐藏了地图大部分内容时建议的阈值（0：无）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="96" />
            <source>Provinces, city clusters, zones: runs Regional flows on them.</source>
            <translation>省份、城市群、功能区：对其运行“区域流动”。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="138" />
            <source>City network (tiers)</source>
            <translation>城市网络（等级）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="168" />
            <source>Passed to the report and the map (persons, not moves), and a layer filter on the cities and flows added to the project; 1 shows all.</source>
            <translation>用于报告和地图（按人数，而非迁移次数），并作为加入项目的城市与流动图层的过滤器；设为 1 则全部显示。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="177" />
            <source>Report</source>
            <translation>报告</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="177" />
            <source>HTML files (*.html)</source>
            <translation>HTML 文件 (*.html)</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="186" />
            <location filename="../../backflow_plugin/processing/publication_map.py" line="77" />
            <source>Publication map</source>
            <translation>出版地图</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="187" />
            <source>PDF files (*.pdf);;PNG files (*.png);;SVG files (*.svg)</source>
            <translation>PDF 文件 (*.pdf);;PNG 文件 (*.png);;SVG 文件 (*.svg)</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="92" />
            <source>Regions for the regional view (polygons, optional)</source>
            <translation>区域视图所用的区域（面图层，可选）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="166" />
            <source>Disclosure control: hide counts of fewer than this many persons</source>
            <translation>披露控制：隐藏少于此人数的计数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/full_analysis_parameters.py" line="204" />
            <source>Map: {}</source>
            <translation>地图：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="82" />
            <source>Import ORCID, OpenAlex or stays</source>
            <translation>导入 ORCID、OpenAlex 或停留表</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="85" />
            <source>Dated affiliations to map layers, as Import trajectories makes them.

ORCID: records of the v3.0 message schema as the public data file ships them (summaries or activities XML, loose, in a folder or in the yearly .tar.gz, read as a stream) or as the API returns them (JSON, one record per file or JSON Lines). Educations, qualifications, employments, invited positions and services become stages; the degree or role text gives the stage (PhD/博士 -&gt; phd, Postdoctoral Fellow/博士后 -&gt; postdoc, Professor -&gt; work...) and is kept in stage_text; the organisation's city, region and country are resolved with the gazetteer and its ROR/GRID/Ringgold id is kept in org_id.

OpenAlex: authors as JSON Lines (API or snapshot); each affiliation is a stay from its first to its last year. An institutions file (JSON Lines) gives their cities; without it the city comes from the organisation's name.

Stays table: CSV/TSV/XLSX with person, place, country, start, end, role.

Order: by start date; overlapping affiliations follow the order in which they began; ties go study before work, then the shorter first. An affiliation with no date is left out. RECORDS lists every record read, in or out, with the reason.</source>
            <translation>将带日期的任职与教育经历转为地图图层，与“导入轨迹”相同。

ORCID：v3.0 消息模式的记录，可为公共数据文件的形式（summaries 或 activities XML，单个文件、文件夹或年度 .tar.gz，按流读取），也可为 API 返回的形式（JSON，每个文件一条记录或 JSON Lines）。教育经历、资格认证、任职经历、受邀职位和服务经历成为阶段；学位或职位文字决定阶段（PhD/博士 -&gt; phd，Postdoctoral Fellow/博士后 -&gt; postdoc，Professor -&gt; work……），原文保留在 stage_text；机构的城市、地区和国家由地名库解析，其 ROR/GRID/Ringgold 标识保留在 org_id。

OpenAlex：JSON Lines 格式的作者（API 或快照）；每条机构隶属为从首年到末年的一次停留。机构文件（JSON Lines）提供其城市；没有该文件时，城市从机构名称推断。

停留表：包含 person、place、country、start、end、role 的 CSV/TSV/XLSX。

顺序：按开始日期；重叠的经历按开始先后排列；开始相同时学习在工作之前，再按时间较短者在前。没有日期的经历被略去。RECORDS 列出读取的每条记录，纳入或排除，并附原因。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="167" />
            <source>Records imported at a time (0: all at once)</source>
            <translation>每次导入的记录数（0：一次全部导入）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="173" />
            <source>A dump of millions of records is imported this many records at a time, so memory stays bounded; flows and cities are summed over the chunks. Used when the per-person outputs are files (GeoPackage, Shapefile, CSV).</source>
            <translation>数百万条记录的数据转储按此数量分批导入，内存占用保持有限；流动与城市在各批之间累加。仅当逐人输出为文件（GeoPackage、Shapefile、CSV）时使用。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="114" />
            <source>.xml, .json, .jsonl, .tar.gz (ORCID); .jsonl or .jsonl.gz (OpenAlex); .csv, .tsv, .xlsx (stays). A folder path is read file by file.</source>
            <translation>.xml、.json、.jsonl、.tar.gz（ORCID）；.jsonl 或 .jsonl.gz（OpenAlex）；.csv、.tsv、.xlsx（停留表）。文件夹路径将逐个文件读取。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="121" />
            <source>Source</source>
            <translation>数据来源</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="132" />
            <source>OpenAlex institutions (JSON Lines; optional)</source>
            <translation>OpenAlex 机构（JSON Lines；可选）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="137" />
            <source>ORCID sections read</source>
            <translation>读取的 ORCID 部分</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="149" />
            <source>Home country (ISO code)</source>
            <translation>本国（ISO 代码）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="156" />
            <source>Persons with no education that names a country keep the home country above.</source>
            <translation>没有注明国家的教育经历的人员沿用上面的本国。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="184" />
            <source>Records read (in or out, with the reason)</source>
            <translation>读取的记录（纳入或排除，附原因）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="109" />
            <source>ORCID file or archive, OpenAlex authors, or stays table (or a folder)</source>
            <translation>ORCID 文件或压缩包、OpenAlex 作者或停留表（或文件夹）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="123" />
            <source>Detect from the file</source>
            <translation>根据文件自动识别</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="124" />
            <source>ORCID</source>
            <translation>ORCID</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="125" />
            <source>OpenAlex authors</source>
            <translation>OpenAlex 作者</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="126" />
            <source>Stays table</source>
            <translation>停留表</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="139" />
            <source>Educations</source>
            <translation>教育经历</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="140" />
            <source>Qualifications</source>
            <translation>资格认证</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="141" />
            <source>Employments</source>
            <translation>任职经历</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="142" />
            <source>Invited positions</source>
            <translation>受邀职位</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="143" />
            <source>Services</source>
            <translation>服务经历</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="153" />
            <source>Home country per person: the country of the first education</source>
            <translation>每人的本国：第一段教育经历所在国家</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="189" />
            <source>Records in</source>
            <translation>纳入的记录</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="189" />
            <source>Records out</source>
            <translation>排除的记录</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="228" />
            <source>Reading {} ({})</source>
            <translation>正在读取 {}（{}）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="293" />
            <source>Chunk {n}: {records} records, {rows} stage rows, {ok} resolved</source>
            <translation>第 {n} 批：{records} 条记录，{rows} 个阶段行，{ok} 个已解析</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="303" />
            <source>{file}: {records} records read: {ok} in, {out} out; {stages} stages; {left} affiliations left out (see RECORDS)</source>
            <translation>{file}：读取 {records} 条记录：纳入 {ok}，排除 {out}；{stages} 个阶段；{left} 条任职/教育经历被略去（见 RECORDS）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="313" />
            <source>Records out: </source>
            <translation>排除的记录：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="334" />
            <source>{persons} persons, {rows} stage rows: {ok} resolved, {bad} unresolved; {flows} flows between {cities} cities; {ret} persons returned ({chunks} chunks)</source>
            <translation>{persons} 人，{rows} 个阶段行：{ok} 个已解析，{bad} 个未解析；{cities} 个城市之间 {flows} 条流动；{ret} 人回流（{chunks} 批）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="200" />
            <source>No such file or folder: '{}'</source>
            <translation>文件或文件夹不存在：'{}'</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="318" />
            <source>No record of '{}' gave a stage: {} records read, {} out</source>
            <translation>'{}' 中没有任何记录得到阶段：读取 {} 条记录，排除 {} 条</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="207" />
            <source>A stays table must be a CSV, TSV, TXT or XLSX file: '{}'</source>
            <translation>停留表必须是 CSV、TSV、TXT 或 XLSX 文件：'{}'</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_orcid.py" line="217" />
            <source>OpenAlex institutions: {} from {}</source>
            <translation>OpenAlex 机构：{} 个，来自 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="121" />
            <source>organisations</source>
            <translation>单位</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="122" />
            <source>country or province in the cell</source>
            <translation>单元格中的国家或省份</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="123" />
            <source>city in the organisation's name</source>
            <translation>单位名称中的城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="99" />
            <source>{file}: {persons} persons, {rows} stage rows: {ok} resolved ({share:.1f}%), {bad} unresolved, {amb} resolved among several places of that name; {same} consecutive stages in the same city (no line); {flows} flows between {cities} cities; {ret} persons returned.</source>
            <translation>{file}：{persons} 人，{rows} 个阶段行：已定位 {ok} 行（{share:.1f}%），未定位 {bad} 行，{amb} 行在多个同名地点中确定；{same} 个相邻阶段位于同一城市（无连线）；{cities} 个城市之间 {flows} 条流动；{ret} 人已回国。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="126" />
            <source>Analysis level: {level}. Flagged rows (see STAGES.flags): {flags}</source>
            <translation>分析层级：{level}。带标记的行（见 STAGES.flags）：{flags}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="136" />
            <source>Unresolved values (see the UNRESOLVED table): </source>
            <translation>未定位的值（见 UNRESOLVED 表）：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="140" />
            <source>Names shared by several places, resolved by country/home/population: </source>
            <translation>多个地点共用的名称，已按国家/本国/人口确定：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="127" />
            <source>county</source>
            <translation>县级</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="127" />
            <source>prefecture</source>
            <translation>地级</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_outputs.py" line="142" />
            <source>'{given}' -&gt; {place} ({country}) {n}x</source>
            <translation>“{given}” → {place}（{country}）{n} 次</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="68" />
            <source>Import trajectories</source>
            <translation>导入轨迹</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="71" />
            <source>Turns a table of life-course trajectories into map layers.

Long table: one row per stage (person, order, stage, city, country, org, year). Wide table: one row per person, columns named by stage (出生地, 本科, 本科年份, 博士, 回国单位, 回国城市, 回国年份; birthplace, phd, return_org, return_city...): detected from the headers, or give the mapping of columns to stages, e.g. 'birth=city:出生地; phd=org:博士,year:博士年份; return=city:回国城市,org:回国单位'.

Stage labels in English or Chinese (birth/出生地, bachelor/本科, master/硕士, phd/博士, postdoc/博士后, work/工作, visit/访问, return/回国, later). City names in English, pinyin or Chinese are resolved with the bundled gazetteer (GeoNames, CC BY 4.0) or your own point layer. Rows that cannot be placed are listed in UNRESOLVED with the reason and suggestions: every input row is either used or reported.

Outputs: STAGES (points), ROUTES (one line per person), FLOWS (lines aggregated by origin, destination and flow type: domestic, outbound, abroad, backflow, onward), CITIES (points with persons, returnees, inflow, outflow) and UNRESOLVED (table).</source>
            <translation>将人生轨迹表转换为地图图层。

长表：每个阶段一行（人员、顺序、阶段、城市、国家、单位、年份）。宽表：每人一行，列名即阶段（出生地、本科、本科年份、博士、回国单位、回国城市、回国年份；birthplace、phd、return_org、return_city……）：由列名自动识别，或给出列与阶段的对应关系，例如 'birth=city:出生地; phd=org:博士,year:博士年份; return=city:回国城市,org:回国单位'。

阶段标签可用英文或中文（birth/出生地、bachelor/本科、master/硕士、phd/博士、postdoc/博士后、work/工作、visit/访问、return/回国、later）。英文、拼音或中文城市名通过内置地名库（GeoNames，CC BY 4.0）或您自己的点图层解析。无法定位的行连同原因和建议列入 UNRESOLVED：每一行输入要么被使用，要么被报告。

输出：STAGES（点）、ROUTES（每人一条线）、FLOWS（按起点、终点和流动类型汇总的线：domestic、outbound、abroad、backflow、onward）、CITIES（含人数、回流人数、流入、流出的点）和 UNRESOLVED（表）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="162" />
            <source>Hong Kong, Macao and Taiwan count as abroad when home is CN, as in the paper.</source>
            <translation>本国为 CN 时，香港、澳门和台湾按境外计，与论文一致。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="274" />
            <source>Rows resolved by a historic name</source>
            <translation>按历史地名解析的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="275" />
            <source>Rows placed with their province or state</source>
            <translation>借助省份或州定位的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="276" />
            <source>Rows resolved to a small place</source>
            <translation>解析为小地方的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="277" />
            <source>Rows resolved in another country than given</source>
            <translation>解析到与所给国家不同国家的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="278" />
            <source>Rows whose city came from the organisation</source>
            <translation>城市来自机构名称的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="279" />
            <source>Rows changed by a place alias</source>
            <translation>经地名别名修改的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="280" />
            <source>Rows that name only a province</source>
            <translation>仅写明省份的行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="281" />
            <source>Rows placed by a fuzzy match (a slip of the pen or OCR)</source>
            <translation>经模糊匹配定位的行（笔误或 OCR 错误）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="282" />
            <source>Rows read with abbreviations or addresses</source>
            <translation>经缩写或地址识别的行</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="283" />
            <source>Rows placed by the organisation they name</source>
            <translation>按所填单位定位的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="284" />
            <source>Rows placed with the country or province in the cell</source>
            <translation>按单元格中的国家或省份定位的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="285" />
            <source>Rows placed by a city in the organisation's name</source>
            <translation>按单位名称中的城市定位的行数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="111" />
            <source>Text files are read in any common encoding (UTF-8, GB18030, Big5, Latin-1).</source>
            <translation>文本文件可采用任何常见编码（UTF-8、GB18030、Big5、Latin-1）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="126" />
            <source>Detect: wide when the headers name two stages or more (出生地, 本科, 博士, 回国单位, birthplace, phd, return_city...) and no column holds stage labels; the log prints the mapping used.</source>
            <translation>自动识别：列名指明两个及以上阶段（出生地、本科、博士、回国单位、birthplace、phd、return_city……）且没有存放阶段标签的列时按宽表读取；日志会列出所用的对应关系。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="143" />
            <source>Home country (ISO code, or 'birth' for each person's birth country)</source>
            <translation>本国（ISO 代码，或 'birth' 表示以每人的出生国为本国）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="147" />
            <source>The node each stage in China counts at: a county or district (吴中区) counts as its prefecture-level city (苏州) by default, so a person born in a county of Suzhou who returns to Suzhou makes a circle route. STAGES keeps place_id, county_id and prefecture_id either way.</source>
            <translation>中国境内每个阶段计入的节点：默认情况下县或区（如吴中区）计入其所属地级市（苏州），因此出生于苏州某县、回流到苏州的人属于环形路线。无论哪种层级，STAGES 都保留 place_id、county_id 和 prefecture_id。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="181" />
            <source>Own gazetteer (point layer; empty: the bundled one)</source>
            <translation>自有地名库（点图层；留空：使用内置地名库）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="187" />
            <source>Gazetteer name field</source>
            <translation>地名库名称字段</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="193" />
            <source>Gazetteer country field</source>
            <translation>地名库国家字段</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="198" />
            <source>Text encoding (empty: detect)</source>
            <translation>文本编码（留空：自动识别）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="207" />
            <source>Each value of the city column found in this table is replaced by its place before resolving (flag user_alias). The panel's 'Review unresolved' step writes such a file.</source>
            <translation>城市列中出现在此表里的每个值在解析前被替换为对应地点（标记 user_alias）。面板的“检查未解析地名”步骤会生成这样的文件。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="220" />
            <source>For rows with an organisation and no city: used when no other row of the table gives that organisation's city (flag from_org).</source>
            <translation>用于有机构但无城市的行：当表中没有其他行给出该机构所在城市时使用（标记 from_org）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="227" />
            <source>Accept a place found only in another country than the one given</source>
            <translation>接受仅在所给国家之外找到的地点</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="233" />
            <source>Pseudonymise: replace person ids with salted hashes in every output</source>
            <translation>假名化：在所有输出中用加盐哈希替换人员编号</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="239" />
            <source>Salt for the pseudonyms (empty: a new random one each run)</source>
            <translation>假名的盐值（留空：每次运行随机生成）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="381" />
            <source>Person ids replaced with salted hashes</source>
            <translation>人员编号已替换为加盐哈希</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="108" />
            <source>Trajectory table (layer, or CSV/TSV/TXT/XLSX/GPKG file)</source>
            <translation>轨迹表（图层，或 CSV/TSV/TXT/XLSX/GPKG 文件）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="136" />
            <source>Wide layout: columns of each stage</source>
            <translation>宽表：各阶段对应的列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="203" />
            <source>Place aliases (CSV: value, place, country)</source>
            <translation>地名别名表（CSV：原值、地点、国家）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="216" />
            <source>Cities of organisations (table: organisation, city, country)</source>
            <translation>机构所在城市（表：机构、城市、国家）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="245" />
            <source>Stage label corrections (label=stage; ...)</source>
            <translation>阶段标签更正（标签=阶段; ……）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="249" />
            <source>Accepted stages: </source>
            <translation>可用的阶段：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="316" />
            <source>Own gazetteer: {} places, names from '{}'</source>
            <translation>自有地名库：{} 个地点，名称取自 '{}'</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="96" />
            <source>{} field (empty: detect from the column names)</source>
            <translation>{}字段（留空：根据列名识别）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="122" />
            <source>Detect from the column names</source>
            <translation>由列名自动识别</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="311" />
            <source>The gazetteer layer has no name field '{}'. Fields: {}</source>
            <translation>地名库图层没有名称字段 '{}'。现有字段：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="326" />
            <source>Place aliases: {} values from {}</source>
            <translation>地名别名：来自 {1} 的 {0} 个值</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/import_trajectories.py" line="341" />
            <source>Cities of organisations: {} organisations from {}</source>
            <translation>机构所在城市：来自 {1} 的 {0} 个机构</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="14" />
            <location filename="../../scripts/update_translations.py" />
            <source>Degree</source>
            <translation>度</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="15" />
            <location filename="../../scripts/update_translations.py" />
            <source>Strength</source>
            <translation>强度</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="16" />
            <location filename="../../backflow_plugin/styling/renderers.py" line="77" />
            <location filename="../../scripts/update_translations.py" />
            <source>In strength</source>
            <translation>流入强度</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="17" />
            <location filename="../../backflow_plugin/styling/renderers.py" line="78" />
            <location filename="../../scripts/update_translations.py" />
            <source>Out strength</source>
            <translation>流出强度</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="18" />
            <location filename="../../scripts/update_translations.py" />
            <source>Betweenness</source>
            <translation>介数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="19" />
            <location filename="../../backflow_plugin/styling/renderers.py" line="79" />
            <location filename="../../scripts/update_translations.py" />
            <source>Closeness</source>
            <translation>接近度</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="20" />
            <location filename="../../backflow_plugin/styling/renderers.py" line="80" />
            <location filename="../../scripts/update_translations.py" />
            <source>Eigenvector</source>
            <translation>特征向量</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="21" />
            <location filename="../../scripts/update_translations.py" />
            <source>Pagerank</source>
            <translation>PageRank</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="33" />
            <source>no city at one end</source>
            <translation>一端无城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="34" />
            <source>same city at both ends</source>
            <translation>两端为同一城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="35" />
            <source>count not above zero</source>
            <translation>人数不大于零</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="36" />
            <source>outside the network scope</source>
            <translation>在网络范围之外</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="37" />
            <source>a province, not a city</source>
            <translation>省份而非城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="39" />
            <location filename="../../scripts/update_translations.py" />
            <source>Province</source>
            <translation>省份</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="40" />
            <source>first</source>
            <translation>首次</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="40" />
            <source>last</source>
            <translation>最后一次</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="41" />
            <source>birthplace</source>
            <translation>出生地</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="41" />
            <source>study</source>
            <translation>求学</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="43" />
            <source>never went abroad</source>
            <translation>从未出国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="44" />
            <source>never returned</source>
            <translation>未回国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/log_words.py" line="45" />
            <source>no domestic stage before leaving</source>
            <translation>出国前无国内阶段</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/map_spec.py" line="74" />
            <source>'Extent below' needs an extent in EXTENT.</source>
            <translation>“下方范围”需要在 EXTENT 中给出范围。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/map_spec.py" line="103" />
            <source>BOUNDARY_VIEW 'User layer' needs a polygon layer in BOUNDARY_LAYER.</source>
            <translation>BOUNDARY_VIEW 选“用户图层”时，需要在 BOUNDARY_LAYER 中提供面图层。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/map_spec.py" line="118" />
            <source>Figure 3 needs STAGES (the STAGES output of Import trajectories) and PERSONS (person ids, comma-separated).</source>
            <translation>图 3 需要 STAGES（“导入轨迹”的 STAGES 输出）和 PERSONS（人员编号，以逗号分隔）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/map_spec.py" line="29" />
            <source>The flows layer '{}' has no 'count' field; use the FLOWS output of Import trajectories or Route patterns.</source>
            <translation>流线图层 '{}' 没有 'count' 字段；请使用“导入轨迹”或“路径模式”的 FLOWS 输出。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/map_spec.py" line="38" />
            <source>Colouring by route pattern needs the FLOWS output of Route patterns (fields 'pattern' or 'circle' / 'linear'); '{}' has neither.</source>
            <translation>按路径模式着色需要“路径模式”的 FLOWS 输出（字段 'pattern' 或 'circle' / 'linear'）；'{}' 两者都没有。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/map_spec.py" line="110" />
            <source>TIER_MEASURE '{}' is not a measure; use one of: {}</source>
            <translation>TIER_MEASURE“{}”不是可用的指标；请使用以下之一：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="43" />
            <source>Flows computed in PostGIS (large tables)</source>
            <translation>在 PostGIS 中计算流动（大型表）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="46" />
            <source>For a trajectory table in PostgreSQL/PostGIS too large to pull into QGIS: the server pairs each stage with the person's next one (window functions) and counts the flows; only the distinct place names (resolved here with the gazetteer) and the flows travel. Outputs FLOWS and CITIES, ready for City network. The home country is fixed (not each person's birth country); a home -&gt; home step between two stays abroad counts as onward.</source>
            <translation>用于 PostgreSQL/PostGIS 中过大而无法载入 QGIS 的轨迹表：由服务器将每个阶段与同一人的下一阶段配对（窗口函数）并统计流动；只传输不同的地名（在此用地名库解析）和流动结果。输出 FLOWS 与 CITIES，可直接用于城市网络。本国为固定国家（不按每人的出生国）；两段境外经历之间的本国 -&gt; 本国迁移计为继续流动。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="126" />
            <source>Reading the distinct places (SQL)</source>
            <translation>读取不同的地名（SQL）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="144" />
            <source>Pairing stages and counting flows (SQL)</source>
            <translation>配对阶段并统计流动（SQL）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="57" />
            <source>Person column</source>
            <translation>人员列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="58" />
            <source>Order column</source>
            <translation>顺序列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="59" />
            <source>City column</source>
            <translation>城市列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="60" />
            <source>Country column</source>
            <translation>国家/地区列</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="65" />
            <source>Trajectory table in PostgreSQL (long form)</source>
            <translation>PostgreSQL 中的轨迹表（长表）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="135" />
            <source>{} rows, {} distinct places; {} rows unresolved ({} places)</source>
            <translation>{} 行，{} 个不同地名；{} 行未解析（{} 个地名）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="141" />
            <source>Unresolved places: </source>
            <translation>未解析的地名：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="150" />
            <source>{} flows ({} legs) between {} cities</source>
            <translation>{} 条流动（{} 段迁移），涉及 {} 个城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="116" />
            <source>The input must be a PostgreSQL/PostGIS table (got provider '{}')</source>
            <translation>输入必须是 PostgreSQL/PostGIS 表（当前数据提供者为 '{}'）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/postgis_flows.py" line="100" />
            <source>No {} column was found or given in '{}'; columns: {}</source>
            <translation>未找到也未指定 {} 列（表 '{}'）；现有列：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/provider.py" line="60" />
            <source>Backflow: return migration of highly skilled people</source>
            <translation>回流：高层次人才回流迁移</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="103" />
            <source>China maps set China apart with its provinces. BOUNDARY_VIEW: China's view (claimed borders, Taiwan, the South China Sea line; the default in every language), de facto (QGIS's world map) or a boundary layer of your own, e.g. a standard map (标准地图), whose review number (审图号) the notes print: the path for journals in China. SHOW_TITLE off leaves the title to the journal's caption. FIGURE draws the paper's Figure 2 (cities linked to more than MIN_LINKS others) or Figure 3 (the numbered tracks of PERSONS, from STAGES). FRAMES_BY_YEAR also exports one map per year. See docs/maps.md.</source>
            <translation>中国地图以省界突出中国。BOUNDARY_VIEW：中国视角（主张边界、台湾、南海断续线；各语言均为默认）、实际控制线（QGIS 世界地图）或自备的边界图层，例如标准地图，注释中打印其审图号：这是在国内期刊发表的途径。关闭 SHOW_TITLE 时不印标题，由期刊图题代替。FIGURE 绘制论文图 2（与超过 MIN_LINKS 个城市相连的城市）或图 3（PERSONS 的编号轨迹，来自 STAGES）。FRAMES_BY_YEAR 另按年份各导出一幅地图。见 docs/maps.md。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="88" />
            <source>Builds a print layout of cities and flows (and optionally person routes) and exports it: PDF (vector), SVG or PNG, by the output file's extension.

The layout stays in the project (Project &gt; Layouts) to edit: map, legend of exactly the layers and classes drawn, scale bar and north arrow (regional maps), title, subtitle, notes with the data source and credits, and for China an optional South China Sea inset.

Extent presets: China (Albers equal-area conic, 105°E, 25°N/47°N; domestic and onward flows, and the returns from abroad entering at the map's edge), world (Equal Earth centred on 150°E; outbound and backflow flows drawn as arcs), the layers' extent or your own extent (an Albers projection fitted to it).

Flows and cities of fewer than MIN_PERSONS persons are left out, and the map says how many: small counts can identify people.</source>
            <translation>生成城市和流线（以及可选的个人路径）的打印布局并导出：按输出文件的扩展名导出 PDF（矢量）、SVG 或 PNG。

布局保留在项目中（项目 &gt; 布局）以便编辑：地图、仅包含所绘图层和类别的图例、比例尺和指北针（区域地图）、标题、副标题、含数据来源和致谢的注释，中国地图还可加南海诸岛插图。

范围预设：中国（Albers 等积圆锥投影，105°E，25°N/47°N；国内流动和后续流动，境外回流从图框边缘进入）、世界（Equal Earth 投影，以 150°E 为中心；出国和回流流线以弧线绘制）、图层范围或自定义范围（采用适配该范围的 Albers 投影）。

少于 MIN_PERSONS 人的流线和城市不显示，地图会注明数量：小计数可能识别出个人。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="120" />
            <source>Cities (with tiers from City network, or from Import trajectories)</source>
            <translation>城市（来自“城市网络”的含等级城市，或来自“导入轨迹”）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="128" />
            <source>Person routes (optional, drawn translucent)</source>
            <translation>个人路径（可选，半透明绘制）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="134" />
            <source>Regions (optional: the REGIONS output of Regional flows, a choropleth)</source>
            <translation>区域（可选：“区域流动”的 REGIONS 输出，绘为分级设色图）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="140" />
            <source>Map extent</source>
            <translation>地图范围</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="150" />
            <source>Extent (with 'Extent below')</source>
            <translation>范围（配合“下方范围”使用）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="153" />
            <source>Page size</source>
            <translation>纸张大小</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="157" />
            <source>Orientation</source>
            <translation>方向</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="163" />
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="166" />
            <source>Subtitle</source>
            <translation>副标题</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="171" />
            <source>Off for a journal figure: the journal's caption takes the title.</source>
            <translation>期刊插图请关闭：由期刊图题代替标题。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="174" />
            <source>Data source (printed in the notes)</source>
            <translation>数据来源（印在注释中）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="183" />
            <source>As LANGUAGE in every Backflow algorithm: 0 the language of QGIS, 1 English, 2 Chinese.</source>
            <translation>与所有 Backflow 算法的 LANGUAGE 相同：0 为 QGIS 的语言，1 为英文，2 为中文。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="192" />
            <source>Small counts can identify people; the map notes the threshold.</source>
            <translation>小计数可能识别出个人；地图会注明该阈值。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="204" />
            <source>Colour flows by</source>
            <translation>流线着色依据</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="231" />
            <source>Draws only the backflow flows from the N overseas cities that sent most returnees, each labelled with its share of all returns, on a world map (with the China preset). Sources with fewer persons than MIN_PERSONS are left out.</source>
            <translation>只绘制来自输送回国人才最多的 N 个境外城市的回流流线，并标注各城市占全部回流的比例；选择“中国”范围时改为世界地图。人数少于 MIN_PERSONS 的来源城市不绘制。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="239" />
            <source>South China Sea inset (China maps)</source>
            <translation>南海诸岛插图（中国地图）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="243" />
            <source>Resolution (dpi)</source>
            <translation>分辨率（dpi）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="260" />
            <source>The map's notes say which view was used.</source>
            <translation>地图注记会说明所用的边界视角。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="281" />
            <source>Figure</source>
            <translation>图件</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="291" />
            <source>Figure 2: cities linked to more than this many other cities</source>
            <translation>图 2：与多于此数目的其他城市相连的城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="307" />
            <source>Stages (Figure 3: the STAGES output of Import trajectories)</source>
            <translation>阶段（图 3：“导入轨迹”的 STAGES 输出）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="312" />
            <source>Figure 3: person ids, comma-separated</source>
            <translation>图 3：人员编号，以逗号分隔</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="334" />
            <source>Map file</source>
            <translation>地图文件</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="335" />
            <source>PDF (*.pdf);;SVG (*.svg);;PNG (*.png)</source>
            <translation>PDF (*.pdf);;SVG (*.svg);;PNG (*.png)</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="348" />
            <location filename="../../backflow_plugin/processing/publication_map.py" line="329" />
            <source>Layout name</source>
            <translation>布局名称</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="349" />
            <source>Frames exported (one per year)</source>
            <translation>已导出的帧数（每年一帧）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="354" />
            <source>MIN_COUNT is deprecated: use MIN_PERSONS.</source>
            <translation>MIN_COUNT 已弃用：请使用 MIN_PERSONS。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="367" />
            <source>The publication map needs a project.</source>
            <translation>出版地图需要一个项目。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="142" />
            <location filename="../../backflow_plugin/styling/basemap.py" line="318" />
            <source>China</source>
            <translation>中国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="143" />
            <location filename="../../backflow_plugin/styling/basemap.py" line="46" />
            <source>World</source>
            <translation>世界</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="144" />
            <source>The layers' extent</source>
            <translation>图层范围</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="145" />
            <source>Extent below</source>
            <translation>下方范围</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="158" />
            <source>Landscape</source>
            <translation>横向</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="158" />
            <source>Portrait</source>
            <translation>纵向</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="164" />
            <location filename="../../backflow_plugin/styling/layout.py" line="185" />
            <source>Return migration of highly skilled people</source>
            <translation>高层次人才回流迁移</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="169" />
            <source>Print the title and subtitle</source>
            <translation>打印标题和副标题</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="179" />
            <source>City names</source>
            <translation>城市名称</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="190" />
            <source>Leave out flows and cities of fewer persons than</source>
            <translation>不显示人数少于此值的流线和城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="197" />
            <source>Leave out flows of fewer persons than (deprecated: MIN_PERSONS)</source>
            <translation>不显示人数少于此值的流线（已弃用：请用 MIN_PERSONS）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="205" />
            <source>Flow type</source>
            <translation>流动类型</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="205" />
            <source>Route pattern (circle / linear)</source>
            <translation>路径模式（环形 / 线形）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="225" />
            <source>Top source cities preset: backflow from the N largest sources (0: off)</source>
            <translation>主要来源城市预设：绘制来自 N 个最大来源城市的回流（0：关闭）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="251" />
            <source>Boundaries (China maps)</source>
            <translation>边界（中国地图）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="265" />
            <source>Boundary layer (with 'User layer': China's provinces, e.g. a standard map)</source>
            <translation>边界图层（选“用户图层”时：中国省级区划，如标准地图）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="275" />
            <source>Map review number of the boundary layer (printed in the notes)</source>
            <translation>边界图层的审图号（印在注记中）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="283" />
            <source>Flow map</source>
            <translation>流线图</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="284" />
            <source>Paper's Figure 2: cities linked to more than MIN_LINKS others</source>
            <translation>论文图 2：与 MIN_LINKS 个以上城市相连的城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="285" />
            <source>Paper's Figure 3: the tracks of PERSONS</source>
            <translation>论文图 3：PERSONS 的迁移轨迹</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="298" />
            <source>Figure 2: the measure the tiers were cut on (City network's MEASURE output; empty: degree)</source>
            <translation>图 2：划分城市等级所依据的指标（城市网络的 MEASURE 输出；留空则为度）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="321" />
            <source>For slides and animations: each frame shows the flows that began by that year (the flows' first_year).</source>
            <translation>用于幻灯片和动画：每帧显示截至该年已开始的流线（流线的 first_year）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="369" />
            <source>Building the layout '{}' ({}, {} {})</source>
            <translation>正在生成布局 '{}'（{}，{} {}）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="455" />
            <source>Exported {}</source>
            <translation>已导出 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="462" />
            <source>{} frames exported, one per year</source>
            <translation>已导出 {} 帧，每年一帧</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="180" />
            <location filename="../../backflow_plugin/processing/report.py" line="194" />
            <source>The language of QGIS</source>
            <translation>QGIS 的界面语言</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="180" />
            <location filename="../../backflow_plugin/processing/report.py" line="194" />
            <source>English</source>
            <translation>英文</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="180" />
            <location filename="../../backflow_plugin/processing/report.py" line="194" />
            <source>Chinese</source>
            <translation>中文</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="212" />
            <source>Flow types to draw (empty: the preset's choice)</source>
            <translation>要绘制的流动类型（留空：按预设选择）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="253" />
            <source>Default: China's view (or the user layer when one is given)</source>
            <translation>默认：中国视角（给出边界图层时用该图层）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="254" />
            <source>China's view (claimed borders, South China Sea line, Taiwan)</source>
            <translation>中国视角（主张边界、南海断续线、台湾）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="255" />
            <source>De facto (QGIS's world map as it is)</source>
            <translation>实际控制线（QGIS 世界地图原样）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="256" />
            <source>User layer (below)</source>
            <translation>用户图层（见下）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="318" />
            <source>Also export one frame per return year (file_YYYY.ext)</source>
            <translation>另按回国年份逐年导出一帧（文件名_YYYY.扩展名）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="386" />
            <source>{} flows drawn (of {}), at least {} persons each</source>
            <translation>已绘制 {} 条流线（共 {} 条），每条至少 {} 人</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="404" />
            <source>The regions layer '{}' has no 'net_flow' field; use the REGIONS output of Regional flows.</source>
            <translation>区域图层“{}”没有 net_flow 字段；请使用“区域流动”的 REGIONS 输出。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="420" />
            <source>No overseas source city has {} or more persons on backflow flows in '{}': nothing to draw.</source>
            <translation>“{1}”中没有任何境外来源城市的回流人数达到 {0} 人：没有可绘制的内容。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="439" />
            <source>The map file {} has the suffix {}; accepted: .pdf, .svg, .png, .jpg</source>
            <translation>地图文件 {} 的扩展名为 {}；可接受：.pdf、.svg、.png、.jpg</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="445" />
            <source>The map file has no suffix: written as {}</source>
            <translation>地图文件没有扩展名：已写为 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/publication_map.py" line="217" />
            <source>China: {}; world: {}; other extents: all.</source>
            <translation>中国：{}；世界：{}；其他范围：全部。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="48" />
            <source>Abroad: USA</source>
            <translation>境外：美国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="48" />
            <source>Abroad: UK</source>
            <translation>境外：英国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="48" />
            <source>Abroad: Europe</source>
            <translation>境外：欧洲</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="49" />
            <source>Abroad: Asia</source>
            <translation>境外：亚洲</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="49" />
            <source>Abroad: Australia</source>
            <translation>境外：澳大利亚</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="49" />
            <source>Abroad: Other</source>
            <translation>境外：其他</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="201" />
            <source>Regional flows (returnees by region)</source>
            <translation>区域流动（按区域统计回流人才）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="204" />
            <source>Returnees, flows and route patterns by region, for any polygon layer with a name field: provinces, city clusters, development zones. Without a regions layer, China's provinces from QGIS's world map are used.

Each city of the stages is placed in the polygons that hold it (in the polygons' CRS; multipart and repaired invalid geometries are fine). A city abroad in no polygon counts in its abroad region (USA, UK, Europe, Asia, Australia, Other); a domestic city in no polygon counts in '(no region)'. A city in several (overlapping) regions counts in each of them, in the first, or in none, as chosen. Every city not in exactly one region is listed in UNMATCHED with the reason.

REGIONS: the polygons with cities, persons, returnees and their share of all returnees, circle and linear returns and shares, inflow, outflow, net flow and internal moves, persons born there (born), who came back to it (born_returned) and who returned elsewhere (talent_export), and the tier mix of their cities (with a City network layer). REGION_FLOWS: moves between regions (abroad regions included) by flow type, with persons and circle / linear counts, between points inside the regions. MATRIX: the region x region table of moves (or of birth region by return region), with totals.</source>
            <translation>按区域统计回流人才、流动与回流路径模式，适用于任何带名称字段的面图层：省份、城市群、开发区。未给出区域图层时，使用 QGIS 世界地图中的中国省级行政区。

阶段中的每个城市归入包含它的面（在面图层的坐标系中计算；多部件几何与修复后的无效几何均可）。不在任何面内的境外城市计入其境外区域（美国、英国、欧洲、亚洲、澳大利亚、其他）；不在任何面内的国内城市计入“（无区域）”。位于多个（相互重叠的）区域内的城市按所选规则计入每一个、第一个或都不计入。每个未恰好落在一个区域内的城市都列在 UNMATCHED 中并注明原因。

REGIONS：各区域的城市数、人数、回流人才及其占全部回流人才的比例，环形与线形回流及其比例，流入、流出、净流入与区域内部迁移，出生于此的人数（born）、回到本区域的人数（born_returned）与回到其他区域的人数（talent_export，人才输出），以及其城市的等级构成（需“城市网络”图层）。REGION_FLOWS：区域之间（含境外区域）按流动类型统计的迁移，含人数与环形/线形计数，连线连接区域内部的代表点。MATRIX：区域 × 区域的迁移表（或出生区域 × 回流区域），含合计。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="477" />
            <source>China's provinces (QGIS world map)</source>
            <translation>中国省级行政区（QGIS 世界地图）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="127" />
            <source>invalid geometry, repaired</source>
            <translation>几何无效，已修复</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="358" />
            <source>Reading stages and regions</source>
            <translation>读取阶段与区域</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="392" />
            <source>Placing cities in regions</source>
            <translation>将城市归入区域</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="403" />
            <source>Writing regions, flows and matrix</source>
            <translation>写出区域、流动与矩阵</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="114" />
            <source>no geometry: no city can fall in it</source>
            <translation>无几何：没有城市能落入其中</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="116" />
            <source>not a polygon: no city can fall in it</source>
            <translation>不是面：没有城市能落入其中</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="121" />
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="126" />
            <source>invalid geometry that could not be repaired: no city placed in it</source>
            <translation>几何无效且无法修复：没有城市归入其中</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="235" />
            <source>Any polygon layer in any CRS: GeoPackage, shapefile, PostGIS...</source>
            <translation>任意坐标系的任意面图层：GeoPackage、Shapefile、PostGIS……</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="239" />
            <source>Region name field (empty: a field called name, or the first text field)</source>
            <translation>区域名称字段（留空：名为 name 的字段或第一个文本字段）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="245" />
            <source>Cities with tiers (the City network output, optional)</source>
            <translation>带等级的城市（“城市网络”的输出，可选）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="251" />
            <source>A city in several regions counts</source>
            <translation>位于多个区域内的城市计入</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="261" />
            <source>Region x region matrix of</source>
            <translation>区域 × 区域矩阵的内容</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="292" />
            <source>One region flow feature per pattern (circle, linear, no return)</source>
            <translation>每种模式一个区域流动要素（环形、线形、未回流）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="310" />
            <source>Cities in exactly one region</source>
            <translation>恰好位于一个区域内的城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="312" />
            <location filename="../../backflow_plugin/processing/report.py" line="271" />
            <location filename="../../backflow_plugin/styling/renderers.py" line="81" />
            <source>Returnees</source>
            <translation>回国人数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="313" />
            <source>Returnees in the regions</source>
            <translation>区域内的回流人才</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="374" />
            <source>The regions layer has no text field: regions are named by feature id</source>
            <translation>区域图层没有文本字段：区域以要素编号命名</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="451" />
            <source>{returnees} returnees: {inside} returned to a city in the regions, {none} to a city in no region</source>
            <translation>{returnees} 名回流人才：{inside} 名回到区域内的城市，{none} 名回到不属于任何区域的城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="59" />
            <source>QGIS's world map is missing ({}): give a regions layer</source>
            <translation>缺少 QGIS 世界地图（{}）：请提供区域图层</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="231" />
            <source>Regions (polygons; empty: China's provinces)</source>
            <translation>区域（面图层；留空：中国省级行政区）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="253" />
            <source>In each of them</source>
            <translation>计入每一个区域</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="254" />
            <source>In the first (layer order)</source>
            <translation>计入第一个（按图层顺序）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="255" />
            <source>In none (no region)</source>
            <translation>都不计入（无区域）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="263" />
            <source>Moves between stages</source>
            <translation>阶段之间的迁移</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="264" />
            <source>Birth region by return region (persons)</source>
            <translation>出生区域 × 回流区域（人数）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="281" />
            <source>Coarse coastlines leave port cities just outside their province; they are placed in the nearest region within this distance and listed. Empty: 10 km for the built-in provinces, 0 (a city counts only inside a polygon) for a regions layer of your own. 0: never.</source>
            <translation>粗略的海岸线会使港口城市落在其省份之外；这些城市计入此距离内最近的区域并列出。留空：内置省份为 10 公里，自有区域图层为 0（城市只在面内才计入）。0：从不。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="386" />
            <source>{} regions from '{}' (name field '{}', CRS {})</source>
            <translation>{} 个区域，来自“{}”（名称字段“{}”，坐标系 {}）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="442" />
            <source>{cities} cities: {matched} in exactly one region, {several} in several, {close} near one, {outside} domestic cities in no region, {abroad} abroad in no region</source>
            <translation>{cities} 个城市：{matched} 个恰好在一个区域内，{several} 个在多个区域内，{close} 个邻近某区域，{outside} 个国内城市不在任何区域内，{abroad} 个境外城市不在任何区域内</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="455" />
            <source>, {} to a city counted in an abroad region</source>
            <translation>，{} 人回到计入境外区域的城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="92" />
            <source>region {}</source>
            <translation>区域 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="272" />
            <source>Domestic cities in no region count in the nearest one within (km; empty: 10 for the built-in provinces, exact for your own regions)</source>
            <translation>不在任何区域内的国内城市计入此距离内最近的区域（公里；留空：内置省份为 10，自有区域图层为精确匹配）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="329" />
            <source>The regions layer '{}' has no field '{}'. Fields: {}</source>
            <translation>区域图层“{}”没有字段“{}”。现有字段：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="347" />
            <source>The cities layer '{}' needs the fields city_id and tier (the output of City network); it has: {}</source>
            <translation>城市图层“{}”需要 city_id 和 tier 字段（“城市网络”的输出）；现有字段：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="381" />
            <source>The regions layer '{}' has no features</source>
            <translation>区域图层 '{}' 没有要素</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/regional_flows.py" line="384" />
            <source>Region {}</source>
            <translation>区域 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="100" />
            <source>Report: the paper's tables and charts</source>
            <translation>报告：论文的表格与图表</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="103" />
            <source>Writes one self-contained HTML report (tables and charts embedded; opens in any browser) with the tables of Jiang (2021) and each table as a layer you can save as CSV or XLSX.

Inputs: STAGES from 'Import trajectories'; optional CITIES from 'City network' (for the tiers and the centrality ranking) and ROUTES from 'Route patterns' (when absent, the routes are classified from STAGES at city level, first return).

Sections: Table 1 (returnees by subject x work-unit type with the top 3 return cities of each subject); Table 3 (top return organisations with their city, top overseas organisations with country and city; each person once per organisation); overseas experience by country and by region (USA, UK, rest of Europe, Asia, Australia, other: the share of all persons with at least one overseas stage there; a person counts once per region); concentration (the share of returnees in the top k return cities, the Gini coefficient and the Lorenz curve); Table 4 (cities per tier, with examples and the breaks); circle / linear shares overall, by subject and by return year; the top cities by each centrality measure; and a reproducibility record (parameters, the input file's name, rows and SHA-256, the versions of QGIS, the plugin, pandas and networkx).

A section whose columns are missing says so instead of failing. CONCENTRATION is the returnees per return city with cumulative shares; TOP_K_SHARE and GINI are returned as numbers.</source>
            <translation>生成一个独立的 HTML 报告（表格和图表内嵌，可在任何浏览器中打开），包含 Jiang (2021) 的各表，且每个表都作为图层输出，可另存为 CSV 或 XLSX。

输入：“导入轨迹”的 STAGES；可选“城市网络”的 CITIES（用于等级和中心性排名）和“路径模式”的 ROUTES（缺省时按城市层级、首次回国由 STAGES 分类路径）。

章节：表 1（按学科 × 工作单位类型的回流人数，以及每个学科的前 3 个回流城市）；表 3（主要回流单位及其城市，主要境外单位及其国家和城市；每人每单位只计一次）；按国家和地区的境外经历（美国、英国、欧洲其他地区、亚洲、澳大利亚、其他：在该地有至少一个境外阶段的人数占全部人数的比例；每人每地区只计一次）；集中度（前 k 个回流城市的回流人数占比、基尼系数和洛伦兹曲线）；表 4（各等级城市，附示例和断点）；总体、按学科和按回国年份的环形 / 线形占比；各中心性度量的前列城市；以及可复现性记录（参数、输入文件名、行数和 SHA-256，QGIS、插件、pandas 和 networkx 的版本）。

缺少所需列的章节会说明原因，而不会失败。CONCENTRATION 为各回流城市的回流人数及累计占比；TOP_K_SHARE 和 GINI 作为数值返回。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="248" />
            <source>Table 1: subject x work-unit type</source>
            <translation>表 1：学科 × 工作单位类型</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="249" />
            <source>Table 3: top return organisations</source>
            <translation>表 3：主要回流单位</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="250" />
            <source>Table 3: top overseas organisations</source>
            <translation>表 3：主要境外单位</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="251" />
            <source>Overseas experience by region</source>
            <translation>按地区的境外经历</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="252" />
            <source>Return cities with cumulative shares</source>
            <translation>回流城市及累计占比</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="253" />
            <source>Table 4: cities per tier</source>
            <translation>表 4：各等级城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="254" />
            <source>Circle / linear shares</source>
            <translation>环形 / 线形占比</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="255" />
            <source>Compared with the paper</source>
            <translation>与论文对照</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="256" />
            <source>Returnees by region abroad and tier of return city</source>
            <translation>按境外地区与回流城市等级的回国人才</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="257" />
            <source>Migration indices of the return cities</source>
            <translation>回流城市的迁移指数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="258" />
            <source>Top overseas source cities</source>
            <translation>主要境外来源城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="259" />
            <source>Source x return city matrix</source>
            <translation>来源城市 × 回流城市矩阵</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="260" />
            <source>Top sources by tier</source>
            <translation>各等级的主要来源城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="261" />
            <source>Returns by year</source>
            <translation>各年回流</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="262" />
            <source>Two periods compared</source>
            <translation>两个时期的比较</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="263" />
            <source>Returnees with the city of their last and longest stay</source>
            <translation>回国人才及其最后一段和最长一段境外经历所在城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="302" />
            <source>Reading layers</source>
            <translation>正在读取图层</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="317" />
            <source>Computing the tables</source>
            <translation>正在计算表格</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="340" />
            <source>Writing the report</source>
            <translation>正在写入报告</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="350" />
            <source>Writing the tables</source>
            <translation>正在写入表格</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="133" />
            <source>Cities with tiers (the output of City network)</source>
            <translation>含等级的城市（“城市网络”的输出）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="137" />
            <source>Routes with patterns (the ROUTES output of Route patterns)</source>
            <translation>含模式的路径（“路径模式”的 ROUTES 输出）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="141" />
            <source>Subject field (empty: detect subject / 学科)</source>
            <translation>学科字段（留空：识别 subject / 学科）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="145" />
            <source>Work-unit type field (empty: detect unit_type / 单位类型)</source>
            <translation>工作单位类型字段（留空：识别 unit_type / 单位类型）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="149" />
            <source>Organisations and cities to list (top N)</source>
            <translation>列出的单位和城市数（前 N 名）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="153" />
            <source>Concentration: share of the top k return cities</source>
            <translation>集中度：前 k 个回流城市的占比</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="161" />
            <source>The trajectory table the layers were made from: its name, row count and SHA-256 go into the reproducibility section.</source>
            <translation>生成这些图层的轨迹表：其名称、行数和 SHA-256 写入可复现性章节。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="167" />
            <source>Regions (the REGIONS output of Regional flows)</source>
            <translation>区域（“区域流动”的 REGIONS 输出）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="172" />
            <source>Region x region matrix (the MATRIX of Regional flows)</source>
            <translation>区域 × 区域矩阵（“区域流动”的 MATRIX 输出）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="187" />
            <source>Puts every figure the paper prints next to the computed one, with the difference, and lists the printed figures not reached.</source>
            <translation>将论文印出的每个数字与计算结果并列，给出差值，并列出未能达到的数字。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="193" />
            <location filename="../../backflow_plugin/processing/report.py" line="479" />
            <source>Report language</source>
            <translation>报告语言</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="198" />
            <source>Report (HTML)</source>
            <translation>报告（HTML）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="198" />
            <source>HTML files (*.html *.htm)</source>
            <translation>HTML 文件 (*.html *.htm)</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="269" />
            <source>Share of returnees in the top k return cities</source>
            <translation>前 k 个回流城市的回流人数占比</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="270" />
            <source>Gini coefficient over return cities</source>
            <translation>回流城市的基尼系数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="373" />
            <source>The report is in QGIS's temporary folder, deleted when QGIS closes; give a file (OUTPUT_HTML) or the input table's file (INPUT_FILE) to keep it.</source>
            <translation>报告位于 QGIS 的临时文件夹中，关闭 QGIS 时将被删除；如需保留，请指定文件（OUTPUT_HTML）或输入表格的文件（INPUT_FILE）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="403" />
            <source>The stages layer has no features</source>
            <translation>阶段图层没有要素</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="415" />
            <source>The routes layer has no 'pattern' field; routes are classified from the stages instead</source>
            <translation>路径图层没有 'pattern' 字段；改为根据阶段分类路径</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="422" />
            <source>No cities layer: Table 4 and the centrality ranking are left empty</source>
            <translation>没有城市图层：表 4 和中心性排名留空</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="158" />
            <source>Input table file (recorded with its checksum)</source>
            <translation>输入表文件（记录其校验和）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="179" />
            <source>Compare with</source>
            <translation>对照</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="210" />
            <source>The BREAKS output of City network (values separated by ';'), or lower bounds of tiers 1, 2, 3, e.g. '0.35, 0.12, 0.02'. With a TIER_METHOD whose breaks are class bounds (hybrid, natural breaks, head/tail, quantile) they are shown as given and Table 4 gives each tier's range of TIER_MEASURE.</source>
            <translation>“城市网络”的 BREAKS 输出（以 ';' 分隔的数值），或一、二、三级的下限，例如 '0.35, 0.12, 0.02'。若 TIER_METHOD 的断点是分类边界（混合法、自然断点法、头尾断点法、分位数法），则按原样显示，表4 给出各等级 TIER_MEASURE 的取值范围。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="219" />
            <source>Measure the tiers were cut on (range per tier)</source>
            <translation>分级所依据的度量（各级的取值范围）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="237" />
            <source>Default: the paper's grouping - USA, UK, Europe (UN M49 Europe without the UK, Russia included), Asia (Hong Kong, Macao and Taiwan included), Australia, Other. Moves countries between these regions, e.g. 'RU=Other; TR=Europe'.</source>
            <translation>默认为论文的分组：美国、英国、欧洲（联合国M49欧洲，不含英国，含俄罗斯）、亚洲（含香港、澳门、台湾）、澳大利亚、其他。可在这些地区之间移动国家，例如 'RU=Other; TR=Europe'。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="282" />
            <source>Read {}: {} features</source>
            <translation>已读取 {}：{} 个要素</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="425" />
            <source>The cities layer has no 'tier' field (run City network): Table 4 is left empty</source>
            <translation>城市图层没有 'tier' 字段（请运行城市网络）：表 4 留空</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="500" />
            <source>{returnees} returnees in {cities} return cities; the top {k} ({names}) take {share:.2f} %; Gini {gini:.3f}</source>
            <translation>{cities} 个回流城市共 {returnees} 名回流人才；前 {k} 个（{names}）占 {share:.2f} %；基尼系数 {gini:.3f}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="181" />
            <source>Automatic: the paper when the data are the bundled sample</source>
            <translation>自动：数据为内置样本时对照论文</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="182" />
            <source>Nothing</source>
            <translation>不对照</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="183" />
            <source>The paper (Jiang 2021)</source>
            <translation>论文（Jiang 2021）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="207" />
            <source>Tier breaks (as City network reports them)</source>
            <translation>等级断点（与城市网络报告的一致）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="227" />
            <source>Tier method (the TIER_METHOD output of City network)</source>
            <translation>分级方法（“城市网络”的 TIER_METHOD 输出）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="234" />
            <source>Region overrides (ISO2=region; e.g. RU=Other)</source>
            <translation>地区调整（ISO2=地区；例如 RU=Other）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="348" />
            <source>Wrote the report {}</source>
            <translation>已写入报告 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="407" />
            <source>The stages layer lacks the field(s) {}. Accepted: the STAGES output of Import trajectories (person_id, seq, stage, city_id, city, country, domestic, org, year)</source>
            <translation>阶段图层缺少字段 {}。可用：“导入轨迹”的 STAGES 输出（person_id, seq, stage, city_id, city, country, domestic, org, year）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="468" />
            <source>The report's folder {} is not in an existing folder</source>
            <translation>报告所在文件夹 {} 的上级文件夹不存在</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report.py" line="230" />
            <source>A method key: {}.</source>
            <translation>方法代码：{}。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report_sources.py" line="20" />
            <source>Two ranges of return years: the report shows which return cities and source cities gained or lost share between them, in percentage points.</source>
            <translation>两个回国年份区间：报告列出哪些回流城市和来源城市在两者之间占比上升或下降（百分点）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report_sources.py" line="43" />
            <source>Source cities, matrix cells, trend cells and period rows with fewer persons are not shown on their own: small counts can identify people. The report says what was merged.</source>
            <translation>人数更少的来源城市、矩阵单元格、趋势单元格和时期行不单独列出：小计数可能识别出个人。报告会说明合并了哪些内容。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report_sources.py" line="17" />
            <source>Compare two periods of return years (e.g. 2011-2013,2014-2016)</source>
            <translation>比较两个回国年份时期（例如 2011-2013,2014-2016）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report_sources.py" line="32" />
            <source>Return years outside this range are counted as out of range in the trends, and left out of them.</source>
            <translation>超出此范围的回国年份在趋势中计为“超出范围”，不计入趋势。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report_sources.py" line="41" />
            <source>Minimum persons per cell (smaller cells merged into 'Other')</source>
            <translation>每个单元格的最少人数（更小的单元格并入“其他”）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/report_sources.py" line="29" />
            <source>Valid return years (e.g. 2011-2016; empty: 1900 to next year)</source>
            <translation>有效回国年份（例如 2011-2016；留空：1900 年至明年）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="34" />
            <source>Route patterns (circle / linear)</source>
            <translation>路径模式（环形 / 线形）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="37" />
            <source>Classes each person's return as a circle route (back to a domestic city known before leaving: birthplace, a city of study or of earlier work) or a linear route (a new city), after Jiang (2021).

Input: the STAGES layer of 'Import trajectories'. The return is the first domestic stage after a stage abroad, or the stage labelled 'return' when there is one. Known cities are the domestic stages before the stay abroad that ends in the return. Unlabelled stages count by position: a person's first row is the birthplace when no row has a label; other unlabelled rows are study before any stay abroad and work after one.

circle_basis lists every basis that applies (birthplace, study, work); circle_basis_primary picks one by the priority birthplace &gt; study &gt; work (home ties first, as the paper explains circle routes by social proximity). People who never went abroad or never returned keep a row, with an empty pattern and a reason.

Outputs: ROUTES (one line per person through all stages, with the pattern), FLOWS (the backflow flows abroad -&gt; home with circle and linear counts and pattern_share = circle / (circle + linear); optionally one feature per pattern) and SHARES (a table of circle / linear counts and shares overall, by return year and by the chosen person attribute).</source>
            <translation>参照 Jiang (2021)，将每个人的回国划分为环形路径（回到出国前已熟悉的国内城市：出生地、求学或此前工作的城市）或线形路径（新的城市）。

输入：“导入轨迹”的 STAGES 图层。回国是指境外阶段之后的第一个国内阶段，若有标为 'return' 的阶段则以其为准。已知城市是以回国结束的那段境外经历之前的国内阶段。未标注的阶段按位置计：若没有任何行带标签，某人的第一行视为出生地；其余未标注的行在出国前视为求学，出国后视为工作。

circle_basis 列出所有适用的依据（出生地、求学、工作）；circle_basis_primary 按优先级 出生地 &gt; 求学 &gt; 工作 取其一（家乡纽带优先，因为论文以社会邻近性解释环形路径）。从未出国或从未回国的人保留一行，模式为空并注明原因。

输出：ROUTES（每人一条贯穿所有阶段的线，含模式）、FLOWS（境外 -&gt; 国内的回流流线，含环形与线形人数及 pattern_share = 环形 / (环形 + 线形)；可选每种模式一个要素）和 SHARES（总体、按回国年份和按所选个人属性的环形 / 线形人数与占比表）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="114" />
            <source>Reading stages</source>
            <translation>正在读取阶段</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="126" />
            <source>Classifying routes</source>
            <translation>正在分类路径</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="133" />
            <source>Writing routes</source>
            <translation>正在写入路径</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="154" />
            <source>Writing flows and shares</source>
            <translation>正在写入流线和占比</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="64" />
            <source>Province: a return counts as circle when it is in the province of a known city. Places without a province are matched by city.</source>
            <translation>省份：回国城市与某个已知城市同省即计为环形。没有省份的地点按城市匹配。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="76" />
            <source>Last return: the return after the last stay abroad; the cities of an earlier return then count as known.</source>
            <translation>最后一次回国：最后一段境外经历之后的回国；此前回国的城市计为已知城市。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="83" />
            <source>Person attribute to compare shares by (e.g. subject, unit type)</source>
            <translation>用于比较占比的个人属性（例如学科、单位类型）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="89" />
            <source>One flow feature per pattern (circle and linear apart)</source>
            <translation>每种模式一个流线要素（环形与线形分开）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="72" />
            <source>Return to classify (people abroad several times)</source>
            <translation>要分类的回国（多次出国的人）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="172" />
            <source>{persons} persons ({level} level, {which} return): {circle} circle, {linear} linear, {none} without a pattern. Circle share: {share}.</source>
            <translation>{persons} 人（{level}层级，{which}回国）：环形 {circle}，线形 {linear}，无模式 {none}。环形占比：{share}。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="183" />
            <source>Reasons: </source>
            <translation>原因：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="188" />
            <source>Circle routes by primary basis: </source>
            <translation>按主要依据的环形路径：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="73" />
            <source>First return</source>
            <translation>首次回国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="73" />
            <source>Last return</source>
            <translation>最后一次回国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/route_patterns.py" line="138" />
            <source>{} stages have no point geometry and are left out of the lines</source>
            <translation>{} 个阶段没有点几何，未计入连线</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="68" />
            <source>Stage label corrections apply to long tables only; ignored for a wide table</source>
            <translation>阶段标签更正仅适用于长表；宽表忽略此项</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="134" />
            <source>Wide table detected from the column names (one row per person)</source>
            <translation>由列名识别为宽表（每人一行）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="39" />
            <source>Fields: </source>
            <translation>字段：</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="78" />
            <source>Stage labels corrected in {} rows ({})</source>
            <translation>已在 {} 行中更正阶段标签（{}）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="95" />
            <source>Person column: {}; person attributes: {}</source>
            <translation>人员列：{}；人员属性：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="96" />
            <source>(none: one person per row)</source>
            <translation>（无：每行一人）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="135" />
            <location filename="../../backflow_plugin/processing/table_layout.py" line="121" />
            <source>Columns of each stage (WIDE_MAPPING): {}</source>
            <translation>各阶段的列（WIDE_MAPPING）：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="28" />
            <source>Stage label corrections: {}. Accepted stages: {}</source>
            <translation>阶段标签更正：{}。可用的阶段：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="46" />
            <source>{n} rows repeat the person id of an earlier row (first: '{id}' in column '{column}'): each such id is read as one person. If they are different people, give PERSON_FIELD a column unique per person.</source>
            <translation>有 {n} 行的人员标识与前面某行相同（第一个：列“{column}”中的“{id}”）：同一标识按一人读取。若实为不同的人，请为 PERSON_FIELD 指定每人唯一的列。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="72" />
            <source>Stage label corrections need a stage column; columns: {}</source>
            <translation>阶段标签更正需要阶段列；现有列：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/table_layout.py" line="138" />
            <source>Columns of a stage with no place or organisation column, kept as person attributes: {}</source>
            <translation>这些阶段列没有对应的地点或单位列，作为人员属性保留：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="34" />
            <source>Export for web flow maps (flowmap.gl, kepler.gl)</source>
            <translation>导出网页流动地图数据（flowmap.gl、kepler.gl）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="37" />
            <source>Writes the import's flows and cities as CSV files for web flow maps.

locations.csv (id, name, lat, lon) and flows.csv (origin, dest, count) open in FlowmapBlue (flowmap.blue: paste them into its Google Sheets template, or load them 'in browser') and in flowmap.gl. With the STAGES layer, flows_by_year.csv adds a time column (the year each move's destination began) for FlowmapBlue's time slider; moves without a year are left out of it and counted in the log.

kepler.csv has source_lat, source_lng, target_lat, target_lng and count: drop it on kepler.gl and it draws the arcs.</source>
            <translation>将导入结果的流动和城市写为网页流动地图所用的 CSV 文件。

locations.csv（id、name、lat、lon）和 flows.csv（origin、dest、count）可在 FlowmapBlue（flowmap.blue：粘贴到其 Google Sheets 模板，或“在浏览器中”加载）和 flowmap.gl 中打开。提供 STAGES 图层时，flows_by_year.csv 增加时间列（每次迁移目的地阶段开始的年份），供 FlowmapBlue 的时间滑块使用；没有年份的迁移不写入该文件，并在日志中计数。

kepler.csv 含 source_lat、source_lng、target_lat、target_lng 和 count：拖入 kepler.gl 即可绘制弧线。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="58" />
            <source>Stages (optional: flows by year)</source>
            <translation>阶段（可选：按年份的流动）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="63" />
            <source>File name prefix</source>
            <translation>文件名前缀</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="65" />
            <source>Output folder</source>
            <translation>输出文件夹</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="70" />
            <source>Locations (flowmap.gl / FlowmapBlue)</source>
            <translation>地点（flowmap.gl / FlowmapBlue）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="71" />
            <source>Flows (flowmap.gl / FlowmapBlue)</source>
            <translation>流动（flowmap.gl / FlowmapBlue）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="72" />
            <source>Flows by year (FlowmapBlue time)</source>
            <translation>按年份的流动（FlowmapBlue 时间）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="73" />
            <source>Flows for kepler.gl</source>
            <translation>kepler.gl 流动数据</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="76" />
            <source>Locations written</source>
            <translation>写出的地点数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="77" />
            <source>Moves in the flows</source>
            <translation>流动中的迁移次数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="78" />
            <source>Moves without a year</source>
            <translation>无年份的迁移次数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="94" />
            <source>{locations} locations, {flows} origin-destination pairs, {moves} moves</source>
            <translation>{locations} 个地点，{flows} 个起讫对，{moves} 次迁移</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="100" />
            <source>{} moves have no year: left out of flows_by_year.csv</source>
            <translation>{} 次迁移没有年份：未写入 flows_by_year.csv</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/processing/web_export.py" line="106" />
            <source>{} cities have no coordinates: their flows are left out</source>
            <translation>{} 个城市没有坐标：其流动被略去</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/basemap.py" line="337" />
            <location filename="../../backflow_plugin/styling/first_look.py" line="277" />
            <source>Provinces</source>
            <translation>省级行政区</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/basemap.py" line="349" />
            <location filename="../../backflow_plugin/styling/china_frame.py" line="94" />
            <source>National border</source>
            <translation>国界</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/basemap.py" line="377" />
            <source>Islands</source>
            <translation>岛屿</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/basemap.py" line="392" />
            <source>Island groups</source>
            <translation>群岛</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/basemap.py" line="306" />
            <source>Neighbouring countries</source>
            <translation>周边国家和地区</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/basemap.py" line="366" />
            <location filename="../../backflow_plugin/styling/china_frame.py" line="96" />
            <source>South China Sea line</source>
            <translation>南海断续线</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/basemap.py" line="122" />
            <source>Other countries</source>
            <translation>其他国家和地区</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/china_frame.py" line="97" />
            <source>Provincial boundary</source>
            <translation>省级界</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/city_labels.py" line="52" />
            <source>Main return cities</source>
            <translation>主要回流城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/city_labels.py" line="73" />
            <source>Other large city</source>
            <translation>其他大城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/city_labels.py" line="96" />
            <source>Main overseas cities</source>
            <translation>主要境外城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/city_labels.py" line="37" />
            <location filename="../../backflow_plugin/styling/renderers.py" line="65" />
            <source>National core city</source>
            <translation>国家核心城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/city_labels.py" line="38" />
            <location filename="../../backflow_plugin/styling/renderers.py" line="66" />
            <source>Regional excellent city</source>
            <translation>区域优秀城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/disclosure_filter.py" line="188" />
            <source>MIN_PERSONS = 1: every flow and city is shown, single persons included: for your own look at the data, not for publication.</source>
            <translation>MIN_PERSONS = 1：所有流线和城市均已显示，包括仅一人的：仅供自己查看数据，不可用于发表。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/disclosure_filter.py" line="219" />
            <source>MIN_PERSONS = 1 shows everything (not for publication).</source>
            <translation>MIN_PERSONS = 1 显示全部内容（不可用于发表）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/disclosure_filter.py" line="195" />
            <source>Disclosure control (MIN_PERSONS = {k}) hides most of the map: {shown} of {total} flows and {cities} of {all_cities} cities are drawn.</source>
            <translation>披露控制（MIN_PERSONS = {k}）隐藏了地图的大部分内容：{total} 条流线中绘制 {shown} 条，{all_cities} 个城市中绘制 {cities} 个。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/disclosure_filter.py" line="206" />
            <source>Disclosure control (MIN_PERSONS = {k}) hides most of the map: {shown} of {total} flows are drawn.</source>
            <translation>披露控制（MIN_PERSONS = {k}）隐藏了地图的大部分内容：{total} 条流线中绘制 {shown} 条。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/disclosure_filter.py" line="211" />
            <source>MIN_PERSONS = {k} would draw {n} flows, still none of a single person.</source>
            <translation>MIN_PERSONS = {k} 时可绘制 {n} 条流线，且仍无仅一人的流线。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/disclosure_filter.py" line="215" />
            <source>No threshold from {} up draws more flows: the study is small for a map that protects persons.</source>
            <translation>从 {} 起的任何阈值都不能绘制更多流线：此研究样本太小，难以绘制既保护个人又有内容的地图。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/display.py" line="112" />
            <source>All flows (every type and size)</source>
            <translation>全部流线（各类型、各规模）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/display.py" line="166" />
            <source>Returnees by year</source>
            <translation>逐年回流人数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/display.py" line="252" />
            <source>Flows between merged cities</source>
            <translation>合并城市间的流</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/display.py" line="218" />
            <source>Cities merged within {} km</source>
            <translation>{} 公里内合并的城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figure3_detail.py" line="210" />
            <source>Detail</source>
            <translation>局部放大</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="151" />
            <source>Tracks</source>
            <translation>轨迹</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="131" />
            <source>Figure 3 needs PERSONS: the ids of the persons to draw.</source>
            <translation>图 3 需要 PERSONS：要绘制的人员编号。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="385" />
            <source>circle</source>
            <translation>环形</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="385" />
            <source>linear</source>
            <translation>线形</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="307" />
            <source>Return city</source>
            <translation>回国城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="323" />
            <source>Stage (numbered along the track)</source>
            <translation>阶段（沿轨迹编号）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="64" />
            <location filename="../../backflow_plugin/styling/layout_layers.py" line="280" />
            <source>Figure 2 needs the cities' '{}' field: use the OUTPUT of City network as CITIES.</source>
            <translation>图 2 需要城市图层的“{}”字段：请以“城市网络”的 OUTPUT 作为 CITIES。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="80" />
            <source>No city is linked to more than {} other cities; lower MIN_LINKS.</source>
            <translation>没有城市与 {} 个以上其他城市相连；请降低 MIN_LINKS。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="142" />
            <source>No stages for these persons in '{}': {}</source>
            <translation>“{}”中没有这些人员的阶段：{}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="318" />
            <source>Return city (lettered in the detail)</source>
            <translation>回国城市（字母见局部放大图）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/figures.py" line="126" />
            <source>Figure 3 needs the STAGES output of Import trajectories ('{}' missing in '{}').</source>
            <translation>图 3 需要“导入轨迹”的 STAGES 输出（“{1}”中缺少“{0}”）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/first_look.py" line="268" />
            <source>Basemap</source>
            <translation>底图</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/first_look.py" line="271" />
            <source>Countries</source>
            <translation>国家和地区</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="138" />
            <source>Boundaries: de facto, as QGIS's world map (Natural Earth) draws them.</source>
            <translation>边界：实际控制线，按 QGIS 世界地图（Natural Earth）绘制。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="127" />
            <source>Boundaries: China's view (claimed borders from Natural Earth's disputed borders; South China Sea line from Natural Earth's maritime indicators, the dash east of Taiwan approximate; resources/boundaries).</source>
            <translation>边界：中国视角（主张边界取自 Natural Earth 争议边界；南海断续线取自 Natural Earth 海上界线指示，台湾以东一段为近似位置；见 resources/boundaries）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="345" />
            <source>km</source>
            <translation>公里</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="117" />
            <source>Places: GeoNames (CC BY 4.0). Basemap: Natural Earth via QGIS world map.</source>
            <translation>地名：GeoNames（CC BY 4.0）。底图：Natural Earth（QGIS 世界地图）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="272" />
            <source>Boundaries</source>
            <translation>境界</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="382" />
            <location filename="../../backflow_plugin/styling/layout.py" line="247" />
            <source>South China Sea Islands</source>
            <translation>南海诸岛</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="115" />
            <source>Projection: {}.</source>
            <translation>投影：{}。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="118" />
            <source>Made with Backflow for QGIS {}.</source>
            <translation>由 Backflow for QGIS {} 制作。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="134" />
            <source>Boundaries: the user's layer '{}'.</source>
            <translation>边界：用户图层“{}”。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="98" />
            <source>{:,} cities of fewer than {} persons are not shown.</source>
            <translation>{:,} 个不足 {} 人的城市未显示。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="104" />
            <source>Only cities linked to more than {} other cities, and the flows among them.</source>
            <translation>仅显示与 {} 个以上其他城市相连的城市及其间的流线。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="110" />
            <source>Persons: {}.</source>
            <translation>人员：{}。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="249" />
            <source>South China Sea</source>
            <translation>南海</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="74" />
            <source>No flow is shown: all {:,} have fewer than {} persons (small counts could identify people).</source>
            <translation>未显示任何流线：全部 {:,} 条均少于 {} 人（人数过少可能识别出个人）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="136" />
            <source>Map review number: {}.</source>
            <translation>审图号：{}。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="82" />
            <source>Most flows are not shown: {:,} of {:,} have fewer than {} persons (small counts could identify people).</source>
            <translation>大部分流线未显示：{1:,} 条中有 {0:,} 条少于 {2} 人（人数过少可能识别出个人）。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="95" />
            <source>All flows are shown, including single persons: check before publishing.</source>
            <translation>显示了所有流线，包括单人流线：发表前请检查。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="116" />
            <source>Data: {}.</source>
            <translation>数据：{}。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout.py" line="89" />
            <source>{:,} flows of fewer than {} persons are not shown: small counts could identify people.</source>
            <translation>{:,} 条不足 {} 人的流线未显示：人数过少可能识别出个人。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout_frame.py" line="73" />
            <source>Equal Earth, centred on {}</source>
            <translation>等积地球投影（Equal Earth），中央经线 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout_frame.py" line="86" />
            <source>Albers equal-area conic, 105°E, standard parallels 25°N and 47°N</source>
            <translation>Albers 等积圆锥投影，中央经线 105°E，标准纬线 25°N 和 47°N</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout_frame.py" line="124" />
            <source>Albers equal-area conic, centred on {:.0f}°E</source>
            <translation>Albers 等积圆锥投影，中央经线 {:.0f}°E</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout_layers.py" line="36" />
            <source>World (Natural Earth)</source>
            <translation>世界（Natural Earth）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout_layers.py" line="226" />
            <source>Figure 3 needs the STAGES layer.</source>
            <translation>图 3 需要 STAGES 图层。</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout_layers.py" line="262" />
            <source>Backflow (from abroad, off the map)</source>
            <translation>回流（来自境外，自图外进入）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout_layers.py" line="299" />
            <source>Linked cities (degree, the tiers' measure)</source>
            <translation>连接城市数（度，分级所用指标）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/layout_layers.py" line="301" />
            <source>{}, the tiers' measure</source>
            <translation>{}（城市等级的划分依据）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/regions.py" line="42" />
            <source>Net outflow {}</source>
            <translation>净流出 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/regions.py" line="42" />
            <source>Net inflow {}</source>
            <translation>净流入 {}</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/regions.py" line="126" />
            <source>Region names</source>
            <translation>区域名称</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/regions.py" line="48" />
            <source>Balanced (0)</source>
            <translation>持平（0）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/regions.py" line="68" />
            <source>Net inflow of the region (moves in − moves out)</source>
            <translation>区域净流入（迁入 − 迁出）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="52" />
            <source>Domestic (before leaving)</source>
            <translation>国内（出国前）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="53" />
            <source>Outbound (home to abroad)</source>
            <translation>出国（本国到境外）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="54" />
            <source>Abroad (between foreign cities)</source>
            <translation>境外（境外城市之间）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="55" />
            <source>Backflow (the return from abroad)</source>
            <translation>回流（从境外回国）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="56" />
            <source>Onward (after the return)</source>
            <translation>后续（回国之后）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="59" />
            <source>Circle route (back to a known city)</source>
            <translation>环形路径（回到已知城市）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="60" />
            <source>Linear route (to a new city)</source>
            <translation>线形路径（到新的城市）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="61" />
            <source>No return</source>
            <translation>未回国</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="67" />
            <source>Regional special city</source>
            <translation>区域特色城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="68" />
            <source>Other domestic city</source>
            <translation>其他国内城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="69" />
            <source>Overseas city</source>
            <translation>境外城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="70" />
            <source>Domestic city</source>
            <translation>国内城市</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="73" />
            <source>Betweenness centrality</source>
            <translation>中介中心性</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="74" />
            <source>Strength (persons moving)</source>
            <translation>强度（流动人数）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="75" />
            <source>PageRank</source>
            <translation>PageRank</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="76" />
            <source>Linked cities</source>
            <translation>关联城市数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/renderers.py" line="248" />
            <source>Persons per flow</source>
            <translation>每条流线的人数</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/source_flows.py" line="129" />
            <source>Top source cities (share of all returns)</source>
            <translation>主要来源城市（占全部回流的比例）</translation>
        </message>
        <message>
            <location filename="../../backflow_plugin/styling/source_flows.py" line="186" />
            <source>Backflow from the {n} largest overseas source cities: {share} % of {total} returns</source>
            <translation>来自 {n} 个最大境外来源城市的回流：占 {total} 次回流的 {share} %</translation>
        </message>
        <message>
            <location filename="../../scripts/update_translations.py" />
            <source>Seq</source>
            <translation>顺序</translation>
        </message>
        <message>
            <location filename="../../scripts/update_translations.py" />
            <source>Org</source>
            <translation>单位</translation>
        </message>
        <message>
            <location filename="../../scripts/update_translations.py" />
            <source>fuzzy match (distance 1)</source>
            <translation>模糊匹配（编辑距离 1）</translation>
        </message>
        <message>
            <location filename="../../scripts/update_translations.py" />
            <source>fuzzy match (distance 2)</source>
            <translation>模糊匹配（编辑距离 2）</translation>
        </message>
        <message>
            <location filename="../../scripts/update_translations.py" />
            <source>unknown city</source>
            <translation>未知城市</translation>
        </message>
        <message>
            <location filename="../../scripts/update_translations.py" />
            <source>place is in another country</source>
            <translation>该地点在另一国家</translation>
        </message>
        <message>
            <location filename="../../scripts/update_translations.py" />
            <source>not in the given country</source>
            <translation>不在所给国家内</translation>
        </message>
        <message>
            <location filename="../../scripts/update_translations.py" />
            <source>not in the given state or province</source>
            <translation>不在所给州或省内</translation>
        </message>
        <message>
            <source>not given (set INPUT_FILE to record the input's checksum)</source>
            <translation type="vanished">未给出（设置 INPUT_FILE 以记录输入的校验和）</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation type="vanished">未知</translation>
        </message>
        <message>
            <source>All</source>
            <translation type="vanished">全部</translation>
        </message>
        <message>
            <source>no tier</source>
            <translation type="vanished">未分级</translation>
        </message>
        <message>
            <source>return city</source>
            <translation type="vanished">回流城市</translation>
        </message>
        <message>
            <source>source city</source>
            <translation type="vanished">来源城市</translation>
        </message>
        <message>
            <source>valid</source>
            <translation type="vanished">有效</translation>
        </message>
        <message>
            <source>missing</source>
            <translation type="vanished">缺失</translation>
        </message>
        <message>
            <source>out of range</source>
            <translation type="vanished">超出范围</translation>
        </message>
        <message>
            <source>subject</source>
            <translation type="vanished">学科</translation>
        </message>
        <message>
            <source>unit type</source>
            <translation type="vanished">单位类型</translation>
        </message>
        <message>
            <source>tier</source>
            <translation type="vanished">等级</translation>
        </message>
        <message>
            <source>pattern</source>
            <translation type="vanished">回流模式</translation>
        </message>
        <message>
            <source>The source of a return is the overseas city of the last stay before it (the start of the backflow leg); the longest stay abroad is given too when years are known. Shares are of all returnees; a city with fewer than {n} returnees is merged into 'Other'.</source>
            <translation type="vanished">回流的来源是回国前最后一段海外经历所在的城市（回流路段的起点）；年份已知时也给出停留时间最长的海外城市。占比以全部回国人才为分母；回国人才不足 {n} 人的城市并入“其他”。</translation>
        </message>
        <message>
            <source>The source of a return is the overseas city of the last stay before it (the start of the backflow leg); the longest stay abroad is given too when years are known. Shares are of all returnees.</source>
            <translation type="vanished">回流的来源是回国前最后一段海外经历所在的城市（回流路段的起点）；年份已知时也给出停留时间最长的海外城市。占比以全部回国人才为分母。</translation>
        </message>
        <message>
            <source>Where returnees come from</source>
            <translation type="vanished">回国人才从哪里来</translation>
        </message>
        <message>
            <source>Share of each year's returnees by tier of the return city</source>
            <translation type="vanished">各年回国人才按回流城市等级的占比</translation>
        </message>
        <message>
            <source>Share of each year's returnees by route pattern</source>
            <translation type="vanished">各年回国人才按回流模式的占比</translation>
        </message>
        <message>
            <source>Share of each year's returnees by return city (largest cities)</source>
            <translation type="vanished">各年回国人才按回流城市的占比（主要城市）</translation>
        </message>
        <message>
            <source>Returnees by the year of their return, overall and by group. A group's share is of the year's returnees (the denominator, n, is in the table); cells with fewer than {n} persons are merged into 'Other'. The circle share by return year is in the section on route patterns.</source>
            <translation type="vanished">按回国年份统计的回国人才，总体及分组。分组占比以当年回国人才为分母（分母 n 见表格）；不足 {n} 人的单元格并入“其他”。按回国年份的环形占比见回流模式一节。</translation>
        </message>
        <message>
            <source>Returnees by the year of their return, overall and by group. A group's share is of the year's returnees (the denominator, n, is in the table). The circle share by return year is in the section on route patterns.</source>
            <translation type="vanished">按回国年份统计的回国人才，总体及分组。分组占比以当年回国人才为分母（分母 n 见表格）。按回国年份的环流占比见回流模式一节。</translation>
        </message>
        <message>
            <source>Returns over time</source>
            <translation type="vanished">回流的时间变化</translation>
        </message>
        <message>
            <source>hidden
(complement)</source>
            <translation type="vanished">已隐藏
（互补）</translation>
        </message>
        <message>
            <source>Returnees without a return year or with a year out of range are counted here and left out of the trends, not guessed.</source>
            <translation type="vanished">缺少回国年份或年份超出范围的回国人才在此计数，不计入趋势，也不作推测。</translation>
        </message>
        <message>
            <source>{cells} cells with fewer than {n} persons ({persons} persons in all) are not shown on their own: they are merged into 'Other'.</source>
            <translation type="vanished">{cells} 个不足 {n} 人的单元格（共 {persons} 人）不单独列出，已并入“其他”。</translation>
        </message>
        <message>
            <source>Share</source>
            <translation type="vanished">占比</translation>
        </message>
        <message>
            <source>Overseas city (last stay)</source>
            <translation type="vanished">海外城市（最后一段经历）</translation>
        </message>
        <message>
            <source>No returnees: no source cities.</source>
            <translation type="vanished">没有回国人才，因此没有来源城市。</translation>
        </message>
        <message>
            <source>Top overseas source cities (last stay before the return)</source>
            <translation type="vanished">主要海外来源城市（回国前的最后一段经历）</translation>
        </message>
        <message>
            <source>Returnees (persons)</source>
            <translation type="vanished">回国人数（人）</translation>
        </message>
        <message>
            <source>Returnees of each of the largest return cities (columns) by the overseas city of their last stay (rows), with the share of the return city's returnees; darker cells, larger shares.</source>
            <translation type="vanished">主要回流城市（列）的回国人才按其最后一段海外经历所在城市（行）统计，并给出占该回流城市回国人才的比例；颜色越深，占比越大。</translation>
        </message>
        <message>
            <source>Not available: the cities have no tiers (run City network).</source>
            <translation type="vanished">无法提供：城市没有等级（请先运行“城市网络”）。</translation>
        </message>
        <message>
            <source>hidden
(&lt; {n})</source>
            <translation type="vanished">已隐藏
（&lt; {n}）</translation>
        </message>
        <message>
            <source>Share of the year's returnees (%)</source>
            <translation type="vanished">占当年回国人才的比例（%）</translation>
        </message>
        <message>
            <source>returnees with a return year</source>
            <translation type="vanished">有回国年份的回国人才</translation>
        </message>
        <message>
            <source>without a return year</source>
            <translation type="vanished">缺少回国年份</translation>
        </message>
        <message>
            <source>No return years: no trends.</source>
            <translation type="vanished">没有回国年份，因此没有趋势。</translation>
        </message>
        <message>
            <source>Returnees by return year</source>
            <translation type="vanished">各回国年份的回国人数</translation>
        </message>
        <message>
            <source>1 cell with fewer than {n} persons is not shown on its own: it is merged into 'Other'.</source>
            <translation type="vanished">1 个不足 {n} 人的单元格不单独列出，已并入“其他”。</translation>
        </message>
        <message>
            <source>Hidden years ({years}: fewer than {n} returnees) are a grey band and a gap in the lines, not a zero.</source>
            <translation type="vanished">隐藏的年份（{years}：回国人才不足 {n} 人）以灰色带表示，折线在此断开，而不是画作零。</translation>
        </message>
        <message>
            <source>{years} hidden too, so that the total of all years does not give the hidden year away (the years that hide the least).</source>
            <translation type="vanished">{years} 一并隐藏，使各年合计无法反推出被隐藏的年份（取隐藏最少的年份）。</translation>
        </message>
        <message>
            <source>'hidden' in the table: {cells} more cells hidden (those that hide the least) so that no hidden count can be recomputed from the year's total.</source>
            <translation type="vanished">表中“已隐藏”：另隐藏 {cells} 个单元格（取隐藏最少者），使被隐藏的数字无法由该年合计反推。</translation>
        </message>
        <message>
            <source>hidden</source>
            <translation type="vanished">已隐藏</translation>
        </message>
        <message>
            <source>Last stay before the return</source>
            <translation type="vanished">回国前的最后一段经历</translation>
        </message>
        <message>
            <source>Longest stay abroad</source>
            <translation type="vanished">停留时间最长的海外经历</translation>
        </message>
        <message>
            <source>Top sources by tier of the return city</source>
            <translation type="vanished">各等级回流城市的主要来源城市</translation>
        </message>
        <message>
            <source>Share of each year's returnees by {}</source>
            <translation type="vanished">各年回国人才按{}的占比</translation>
        </message>
        <message>
            <source>The share of each period's returnees that a city received (return cities) or sent (source cities: the last stay before the return), and the change in percentage points from {a} to {b}.</source>
            <translation type="vanished">各城市接收（回流城市）或输送（来源城市：回国前的最后一段经历）的回国人才占该时期回国人才的比例，以及从 {a} 到 {b} 的变化（百分点）。</translation>
        </message>
        <message>
            <source>Return cities: change in share, {a} to {b}</source>
            <translation type="vanished">回流城市：占比变化，{a} 至 {b}</translation>
        </message>
        <message>
            <source>Source cities: change in share, {a} to {b}</source>
            <translation type="vanished">来源城市：占比变化，{a} 至 {b}</translation>
        </message>
        <message>
            <source>Change in share (percentage points)</source>
            <translation type="vanished">占比变化（百分点）</translation>
        </message>
        <message>
            <source>{n} returnees have no overseas stage just before the return.</source>
            <translation type="vanished">{n} 名回国人才在回国之前紧邻的阶段不在海外。</translation>
        </message>
        <message>
            <source>Which overseas cities feed which return city</source>
            <translation type="vanished">哪些海外城市向哪些回流城市输送人才</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation type="vanished">等级</translation>
        </message>
        <message>
            <source>Returnees of the tier</source>
            <translation type="vanished">该等级的回国人数</translation>
        </message>
        <message>
            <source>with a year outside {lo}-{hi}</source>
            <translation type="vanished">年份在 {lo}-{hi} 之外</translation>
        </message>
        <message>
            <source>The table</source>
            <translation type="vanished">表格</translation>
        </message>
        <message>
            <source>By</source>
            <translation type="vanished">分组依据</translation>
        </message>
        <message>
            <source>Group</source>
            <translation type="vanished">组别</translation>
        </message>
        <message>
            <source>{outside} returnees returned outside both periods and {none} have no return year: not counted.</source>
            <translation type="vanished">{outside} 名回国人才的回国年份不在两个时期内，{none} 名缺少回国年份：均不计入。</translation>
        </message>
        <message>
            <source>Change (points)</source>
            <translation type="vanished">变化（百分点）</translation>
        </message>
        <message>
            <source>{n} returnees had several stays abroad with a length unknown (a year missing): their longest stay is not guessed ('Unknown').</source>
            <translation type="vanished">{n} 名回国人才有多段海外经历且部分时长未知（缺少年份）：不推测其最长经历（记为“未知”）。</translation>
        </message>
        <message>
            <source>1 tier x source cell with fewer than {n} persons is not listed.</source>
            <translation type="vanished">1 个不足 {n} 人的“等级 × 来源城市”单元格未列出。</translation>
        </message>
        <message>
            <source>Years out of range: {}.</source>
            <translation type="vanished">超出范围的年份：{}。</translation>
        </message>
        <message>
            <source>Two periods compared: {a} and {b}</source>
            <translation type="vanished">两个时期的比较：{a} 与 {b}</translation>
        </message>
        <message>
            <source>1 city with fewer than {n} returnees in a period is merged into 'Other'.</source>
            <translation type="vanished">1 个城市在某一时期的回国人才不足 {n} 人，已并入“其他”。</translation>
        </message>
        <message>
            <source>1 return city with fewer than {m} returnees is not shown.</source>
            <translation type="vanished">回国人才不足 {m} 人的 1 个回流城市未列出。</translation>
        </message>
        <message>
            <source>{n} return cities with fewer than {m} returnees are not shown.</source>
            <translation type="vanished">回国人才不足 {m} 人的 {n} 个回流城市未列出。</translation>
        </message>
        <message>
            <source>{cells} tier x source cells with fewer than {n} persons ({persons} persons in all) are not listed.</source>
            <translation type="vanished">{cells} 个不足 {n} 人的“等级 × 来源城市”单元格（共 {persons} 人）未列出。</translation>
        </message>
        <message>
            <source>{cells} cities with fewer than {n} returnees in a period ({persons} persons in all) are merged into 'Other'.</source>
            <translation type="vanished">{cells} 个城市在某一时期的回国人才不足 {n} 人（共 {persons} 人），已并入“其他”。</translation>
        </message>
        <message>
            <source>{} has no parameter {}; left out</source>
            <translation type="vanished">{} 没有参数 {}；已略去</translation>
        </message>
        <message>
            <source>Stability: {share:.1%} of the classed cities change tier under another measure ({detail}).</source>
            <translation type="vanished">稳定性：换用其他度量时，{share:.1%} 的已分级城市等级发生变化（{detail}）。</translation>
        </message>
        <message>
            <source>Domestic cities in no region count in the nearest one within (km)</source>
            <translation type="vanished">不在任何区域内的国内城市计入此距离内最近的区域（公里）</translation>
        </message>
        <message>
            <source>Coarse coastlines leave port cities just outside their province; they are placed in the nearest region within this distance and listed. 0: never.</source>
            <translation type="vanished">粗略的海岸线会使港口城市落在所属省份之外；在此距离内的城市计入最近的区域并列出。0：从不。</translation>
        </message>
        <message>
            <source>China maps set China apart with its provinces. BOUNDARY_VIEW: China's view (claimed borders, Taiwan, the South China Sea line; the default for Chinese maps), de facto (QGIS's world map; the default for English maps) or a boundary layer of your own, whose review number the notes print. FIGURE draws the paper's Figure 2 (cities linked to more than MIN_LINKS others) or Figure 3 (the numbered tracks of PERSONS, from STAGES). FRAMES_BY_YEAR also exports one map per year. See docs/maps.md.</source>
            <translation type="vanished">中国地图突出中国并绘出省级界线。BOUNDARY_VIEW：中国视角（主张边界、台湾、南海断续线；中文地图的默认值）、实际控制线（QGIS 世界地图；英文地图的默认值），或您自己的边界图层（注记中印出其审图号）。FIGURE 绘制论文图 2（与 MIN_LINKS 个以上城市相连的城市）或图 3（PERSONS 的编号轨迹，取自 STAGES）。FRAMES_BY_YEAR 另按年份逐年导出地图。详见 docs/maps.md。</translation>
        </message>
        <message>
            <source>Builds a print layout of cities and flows (and optionally person routes) and exports it: PDF (vector), SVG or PNG, by the output file's extension.

The layout stays in the project (Project &gt; Layouts) to edit: map, legend of exactly the layers and classes drawn, scale bar and north arrow (regional maps), title, subtitle, notes with the data source and credits, and for China an optional South China Sea inset.

Extent presets: China (Albers equal-area conic, 105°E, 25°N/47°N; domestic and onward flows, and the returns as arrival stubs), world (Equal Earth centred on 150°E; outbound and backflow flows drawn as arcs), the layers' extent or your own extent (an Albers projection fitted to it).

Flows and cities of fewer than MIN_PERSONS persons are left out, and the map says how many: small counts can identify people.</source>
            <translation type="vanished">生成城市和流线（以及可选的个人路径）的打印布局并导出：按输出文件的扩展名导出 PDF（矢量）、SVG 或 PNG。

布局保留在项目中（项目 &gt; 布局）以便编辑：地图、仅包含所绘图层和类别的图例、比例尺和指北针（区域地图）、标题、副标题、含数据来源和致谢的注释，中国地图还可加南海诸岛插图。

范围预设：中国（Albers 等积圆锥投影，105°E，25°N/47°N；国内流动和后续流动，回流以到达短线表示）、世界（Equal Earth 投影，以 150°E 为中心；出国和回流流线以弧线绘制）、图层范围或自定义范围（采用适配该范围的 Albers 投影）。

少于 MIN_PERSONS 人的流线和城市不显示，地图会注明数量：小计数可能识别出个人。</translation>
        </message>
        <message>
            <source>Default: China's view for Chinese maps, de facto for English ones</source>
            <translation type="vanished">默认：中文地图用中国视角，英文地图用实际控制线</translation>
        </message>
        <message>
            <source>Backflow, arriving (last {:,.0f} km shown)</source>
            <translation type="vanished">回流，抵达段（显示最后 {:,.0f} 公里）</translation>
        </message>
        <message>
            <source>Wide: columns of each stage</source>
            <translation type="vanished">宽表：各阶段对应的列</translation>
        </message>
        <message>
            <source>stage=CITY_COLUMN[,COUNTRY_COLUMN[,ORG_COLUMN[,YEAR_COLUMN]]] entries separated by ';', in life-course order, e.g. 'birth=bornCity,bornCountryCode; work=city,country; later=diedCity,diedCountryCode'</source>
            <translation type="vanished">按生命历程顺序、以 ';' 分隔的 阶段=城市列[,国家列[,机构列[,年份列]]] 条目，例如 'birth=bornCity,bornCountryCode; work=city,country; later=diedCity,diedCountryCode'</translation>
        </message>
        <message>
            <source>Turns a table of life-course trajectories into map layers.

Long table: one row per stage (person, order, stage, city, country, org, year). Wide table: one row per person; give the mapping of columns to stages, e.g. 'birth=bornCity,bornCountryCode; work=city,country; later=diedCity,diedCountryCode'.

Stage labels in English or Chinese (birth/出生地, bachelor/本科, master/硕士, phd/博士, postdoc/博士后, work/工作, visit/访问, return/回国, later). City names in English, pinyin or Chinese are resolved with the bundled gazetteer (GeoNames, CC BY 4.0) or your own point layer. Rows that cannot be placed are listed in UNRESOLVED with the reason and suggestions: every input row is either used or reported.

Outputs: STAGES (points), ROUTES (one line per person), FLOWS (lines aggregated by origin, destination and flow type: domestic, outbound, abroad, backflow, onward), CITIES (points with persons, returnees, inflow, outflow) and UNRESOLVED (table).</source>
            <translation type="vanished">将人生轨迹表转换为地图图层。

长表：每个阶段一行（人员、顺序、阶段、城市、国家、单位、年份）。宽表：每人一行；请给出列与阶段的对应关系，例如 'birth=bornCity,bornCountryCode; work=city,country; later=diedCity,diedCountryCode'。

阶段标签可用英文或中文（birth/出生地、bachelor/本科、master/硕士、phd/博士、postdoc/博士后、work/工作、visit/访问、return/回国、later）。英文、拼音或中文城市名通过内置地名库（GeoNames，CC BY 4.0）或您自己的点图层解析。无法定位的行连同原因和建议列入 UNRESOLVED：每一行输入要么被使用，要么被报告。

输出：STAGES（点）、ROUTES（每人一条线）、FLOWS（按起点、终点和流动类型汇总的线：domestic、outbound、abroad、backflow、onward）、CITIES（含人数、回流人数、流入、流出的点）和 UNRESOLVED（表）。</translation>
        </message>
        <message>
            <source>Passed to the report and the map (persons, not moves); 1 shows all.</source>
            <translation type="vanished">传给报告和地图（按人数，而非迁移次数）；1 表示全部显示。</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation type="vanished">已取消</translation>
        </message>
        <message>
            <source>The City network algorithm ({}) is not available: no tiers this time</source>
            <translation type="vanished">城市网络算法（{}）不可用：本次不分级</translation>
        </message>
        <message>
            <source>The algorithm {} is not available: step skipped</source>
            <translation type="vanished">算法 {} 不可用：已跳过此步骤</translation>
        </message>
        <message>
            <source>Leave out flows of fewer persons than</source>
            <translation type="vanished">不显示人数少于此值的流线</translation>
        </message>
        <message>
            <source>Draws only the backflow flows from the N overseas cities that sent most returnees, each labelled with its share of all returns, on a world map (with the China preset). Sources with fewer persons than MIN_COUNT are left out.</source>
            <translation type="vanished">只绘制来自输送回国人才最多的 N 个海外城市的回流流线，并标注各城市占全部回流的比例；选择“中国”范围时改为世界地图。人数少于 MIN_COUNT 的来源城市不绘制。</translation>
        </message>
        <message>
            <source>Builds a print layout of cities and flows (and optionally person routes) and exports it: PDF (vector), SVG or PNG, by the output file's extension.

The layout stays in the project (Project &gt; Layouts) to edit: map, legend of exactly the layers and classes drawn, scale bar and north arrow (regional maps), title, subtitle, notes with the data source and credits, and for China an optional South China Sea inset.

Extent presets: China (Albers equal-area conic, 105°E, 25°N/47°N; domestic and onward flows, and the returns as arrival stubs), world (Equal Earth centred on 150°E; outbound and backflow flows drawn as arcs), the layers' extent or your own extent (an Albers projection fitted to it).

Flows of fewer than MIN_COUNT persons are left out, and the map says so: small counts can identify people.</source>
            <translation type="vanished">生成城市和流线（以及可选的个人路径）的打印布局并导出：按输出文件的扩展名导出 PDF（矢量）、SVG 或 PNG。

布局保留在项目中（项目 &gt; 布局）以便编辑：地图、仅包含所绘图层和类别的图例、比例尺和指北针（区域地图）、标题、副标题、含数据来源和致谢的注释，中国地图还可加南海诸岛插图。

范围预设：中国（Albers 等积圆锥投影，105°E，25°N/47°N；国内流动和后续流动，回流以到达短线表示）、世界（Equal Earth 投影，以 150°E 为中心；出国和回流流线以弧线绘制）、图层范围或自定义范围（采用适配该范围的 Albers 投影）。

少于 MIN_COUNT 人的流线不显示，地图会注明：小计数可能识别出个人。</translation>
        </message>
        <message>
            <source>Boundaries: China's view (claimed borders from Natural Earth's disputed borders; South China Sea line approximate, resources/boundaries).</source>
            <translation type="vanished">边界：中国视角（主张边界取自 Natural Earth 争议边界；南海断续线为近似位置，见 resources/boundaries）。</translation>
        </message>
        <message>
            <source>Lower bounds of tiers 1, 2, 3, e.g. '0.35, 0.12, 0.02'.</source>
            <translation type="vanished">第 1、2、3 级的下限，例如 '0.35, 0.12, 0.02'。</translation>
        </message>
        <message>
            <source>The input file '{}' does not exist</source>
            <translation type="vanished">输入文件 '{}' 不存在</translation>
        </message>
        <message>
            <source>The field '{}' is not a person attribute (it changes from stage to stage). Accepted: {}</source>
            <translation type="vanished">字段 '{}' 不是个人属性（随阶段而变）。可用：{}</translation>
        </message>
        <message>
            <source>none in this layer</source>
            <translation type="vanished">此图层中没有</translation>
        </message>
        <message>
            <source>The regions layer has no features</source>
            <translation type="vanished">区域图层没有要素</translation>
        </message>
        <message>
            <source>Moves countries between the regions USA, UK, Europe, Asia, Australia and Other, e.g. 'RU=Other; TR=Europe'.</source>
            <translation type="vanished">在美国、英国、欧洲、亚洲、澳大利亚和其他地区之间调整国家归属，例如 'RU=Other; TR=Europe'。</translation>
        </message>
        <message>
            <source>South China Sea islands</source>
            <translation type="vanished">南海诸岛</translation>
        </message>
        <message>
            <source>Flows of fewer than {} persons are not shown: small counts could identify people.</source>
            <translation type="vanished">少于 {} 人的流线未显示：小计数可能识别出个人。</translation>
        </message>
        <message>
            <source>Equal Earth, centred on 150°E</source>
            <translation type="vanished">Equal Earth 投影，以 150°E 为中心</translation>
        </message>
        <message>
            <source>{years} hidden too, the smallest year, so that the total of all years does not give the hidden year away.</source>
            <translation type="vanished">{years} 作为人数最少的年份一并隐藏，使各年合计无法反推出被隐藏的年份。</translation>
        </message>
        <message>
            <source>'hidden' in the table: {cells} more cells hidden (the smallest of their year) so that no hidden count can be recomputed from the year's total.</source>
            <translation type="vanished">表中“已隐藏”：另隐藏 {cells} 个单元格（所在年份中最小者），使被隐藏的数字无法由该年合计反推。</translation>
        </message>
    </context>
</TS>
